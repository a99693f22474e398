"""``vssdk login``: the authorization code + PKCE flow in the browser; the session goes to a file.

``vssdk login`` opens the login page of the configured server (``--base-url`` or
``$VSSDK_BASE_URL``, default the local sandbox), receives the redirect on 127.0.0.1, validates
the ID token and saves the tokens with mode 0600. Programs then use
``vssdk.identity.UserSession.from_file()`` as ``auth=``. ``vssdk login --logout`` revokes it.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

DEFAULT_SANDBOX = "http://127.0.0.1:8765"


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "login", help="log in as a citizen (PKCE in the browser) and save the session"
    )
    parser.add_argument(
        "--base-url", default=None, help=f"server (default $VSSDK_BASE_URL or {DEFAULT_SANDBOX})"
    )
    parser.add_argument("--client-id", default="vssid-app")
    parser.add_argument("--level", type=int, choices=(1, 2), default=2, help="identity level")
    parser.add_argument("--device-id", default=None, help="name of this device")
    parser.add_argument("--token-file", type=Path, default=None, help="where to save the session")
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds to wait for login")
    parser.add_argument(
        "--no-browser", action="store_true", help="print the URL instead of opening a browser"
    )
    parser.add_argument("--logout", action="store_true", help="revoke the saved session")
    parser.set_defaults(func=_run)


def _print_url(url: str) -> None:
    print(f"Open this URL in a browser to log in:\n  {url}", file=sys.stderr)


def _run(args: argparse.Namespace) -> int:
    import webbrowser

    import vssdk
    from vssdk._core.redact import mask
    from vssdk.errors import VssdkError
    from vssdk.identity import FileTokenStore, UserSession, login_in_browser
    from vssdk.identity.tokens import default_token_path

    base_url = args.base_url or os.environ.get("VSSDK_BASE_URL") or DEFAULT_SANDBOX
    path = args.token_file or default_token_path()
    store = FileTokenStore(path)
    try:
        with vssdk.Client(base_url) as client:
            if args.logout:
                if store.load() is None:
                    print(f"no saved session in {path}", file=sys.stderr)
                    return 1
                session = UserSession(client_id=args.client_id, base_url=base_url, store=store)
                session.logout(client)
                print(f"logged out; removed {path}")
                return 0

            def opener(url: str) -> None:
                _print_url(url)
                if not args.no_browser:
                    webbrowser.open(url)

            session = login_in_browser(
                client,
                client_id=args.client_id,
                level=args.level,
                device_id=args.device_id,
                store=store,
                timeout=args.timeout,
                open_browser=opener,
            )
            info = client.with_options(auth=session).identity.userinfo()
    except VssdkError as exc:
        print(f"login failed: {exc}", file=sys.stderr)
        return 1
    print(
        f"logged in as {info.name} (SI code {mask(info.si_code)}, identity level "
        f"{info.identity_level}); session saved to {path}"
    )
    return 0
