"""Open Badges 3.0 credentials beside every certificate: a signed VC-JWT per certificate
(``services.credential_issue``), the issuer profile and its keys (``keys``, ``public_views``),
revocation through a W3C Bitstring Status List (``status_list``) and a verifier for pasted
or uploaded badges (``verification``)."""
