"""The HTTP service (`tactful serve`): API, OpenAI-compatible proxy, audit and review console.

Needs the `serve` extra; `import tactful` does not import it.
"""

from tactful.server.app import create_app
from tactful.server.proxy import looks_like_refusal
from tactful.server.settings import Settings

__all__ = ["Settings", "create_app", "looks_like_refusal"]
