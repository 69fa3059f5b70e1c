"""Content versions: a trainer's upload is staged on a copy of content/, checked like `content check`,
previewed, then made live atomically as a new numbered version; every version is archived in full, so any
of them can be made live again (`rollback`).

No Telegram code here: the admin handlers call this, from a worker thread (`asyncio.to_thread`): staging runs
the full content check, about a second. `stage` -> show `Staged.preview` -> `apply(token)` or `discard(token)`;
`list_versions`; `rollback(n)` (or `stage_rollback(n)` first, for a preview, then `apply`).

- archive.py: `ContentVersions`, the versioned archive (stage, apply, discard, list, rollback), the layout of
  its folder, and `Staged`, `VersionInfo`, `VersionError`;
- uploads.py: what an upload (one content file or a .zip) brings, or why it is refused, and its limits;
- preview.py: the changed files (`Change`), the preview of a staged upload and a version's summary;
- swap.py: making a new tree live in one step (renameat2 RENAME_EXCHANGE, else two renames, else file by file);
- trees.py: folders read as {relative path: bytes}, their digest, writing them back (fsync'd).

Each module imports only the ones listed after it.
"""

from bot.content.versions.archive import ContentVersions, Staged, VersionError, VersionInfo
from bot.content.versions.preview import PREVIEW_LIMIT, Change

__all__ = ["PREVIEW_LIMIT", "Change", "ContentVersions", "Staged", "VersionError", "VersionInfo"]
