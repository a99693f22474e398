"""Sandbox handlers of the medical area and of the chain that starts from its certificates.

- :mod:`.documents`: hospitals issue, replace and revoke certificates (REST);
- :mod:`.wire`: the gateway's own ``guiGiayToDienTu`` / ``GuiHoSoChungTu2025``;
- :mod:`.links`: birth/death links citing certificates, the driving-licence renewal check;
- :mod:`.settlements`: employers' 01B-HSB settlement lists, computed per row with
  :mod:`vssdk.benefits`, decided and paid on the sandbox clock;
- :mod:`.me`: a citizen's certificates and the benefits paid from them.

Every step emits an event (``medical_document.*``, ``benefit_settlement.*``).
"""
