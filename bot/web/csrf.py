"""Cross-site request forgery: every POST of a signed-in page carries a token only the session's own pages know.

The token is an HMAC of the session id, whose only copy is in the browser's HttpOnly cookie (the database holds its
hash): a page on another site can make the browser send the cookie, but cannot read the token to put in the form.
Nothing more needs storing, and the token ends with the session.
"""

from __future__ import annotations

import hashlib
import hmac

FIELD = "csrf"


def token_for(session_id: str) -> str:
    return hmac.new(session_id.encode(), b"trainers' console form", hashlib.sha256).hexdigest()


def is_valid(session_id: str, submitted: object) -> bool:
    """Whether a posted token is this session's (compared in constant time)."""
    return isinstance(submitted, str) and hmac.compare_digest(token_for(session_id), submitted)
