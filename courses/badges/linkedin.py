"""LinkedIn's "Add to profile" link for a certificate.

LinkedIn's add-certification form opens pre-filled from the address
``https://www.linkedin.com/profile/add?startTask=CERTIFICATION_NAME&…``: ``name`` (the
certification), ``organizationId`` (the issuer's LinkedIn page, when we know it:
``LINKEDIN_ORGANIZATION_ID``) or else ``organizationName``, ``issueYear``/``issueMonth``,
``expirationYear``/``expirationMonth`` when the badge expires, ``certUrl`` (the public
verification page, which is what makes the entry checkable) and ``certId`` (the code).
The learner confirms on LinkedIn; nothing is sent from here.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from django.conf import settings

ADD_TO_PROFILE = "https://www.linkedin.com/profile/add"


def linkedin_add_url(
    *,
    name: str,
    organisation: str,
    issued_on: dt.date,
    verification_url: str,
    code: str,
    expires_on: dt.date | None = None,
) -> str:
    params: dict[str, str | int] = {"startTask": "CERTIFICATION_NAME", "name": name}
    organisation_id = getattr(settings, "LINKEDIN_ORGANIZATION_ID", "")
    if organisation_id:
        params["organizationId"] = organisation_id
    else:
        params["organizationName"] = organisation
    params["issueYear"] = issued_on.year
    params["issueMonth"] = issued_on.month
    if expires_on is not None:
        params["expirationYear"] = expires_on.year
        params["expirationMonth"] = expires_on.month
    params["certUrl"] = verification_url
    params["certId"] = code
    return f"{ADD_TO_PROFILE}?{urlencode(params)}"
