"""The vssdk tour: the SDK against a sandbox (``VSSDK_BASE_URL``, else an embedded one).

Run with ``make demo`` (or ``python examples/demo.py``).
"""

from __future__ import annotations

import vssdk
from vssdk.sandbox import running


def heading(text: str) -> None:
    print(f"\n== {text} " + "=" * max(0, 70 - len(text)))


def main() -> None:
    with running() as base_url, vssdk.Client(base_url) as client:
        heading("Sandbox")
        status = client.sandbox.status()
        print(f"vssdk sandbox {status.version} at {base_url}, time {status.now:%Y-%m-%d %H:%M %z}")
        print("fixtures: " + ", ".join(f"{k}={v}" for k, v in sorted(status.counts.items())))

        heading("Health facilities in TP Hồ Chí Minh (paginated look-up, no login)")
        for facility in client.lookups.facilities(province_code="79", limit=3):
            flag = "BHYT" if facility.contracted else "no contract"
            print(f"  {facility.code}  {facility.name:<45} {facility.level.value:<10} {flag}")

        heading("Errors are typed and keep the server's words")
        try:
            client.lookups.facility("00000")
        except vssdk.NotFoundError as err:
            print(f"  NotFoundError {err.status_code}: {err.detail} [{err.vss_code}] {err.vss_message}")


if __name__ == "__main__":
    main()
