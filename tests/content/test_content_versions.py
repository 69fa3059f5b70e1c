"""Content uploads (bot/content/versions/): staging with a preview, atomic apply as a numbered version, list,
rollback. Every test works on a copy of content/ under tmp_path; the real content/ is only read."""

from __future__ import annotations

import errno
import hashlib
import io
import logging
import shutil
import threading
import time
import zipfile
from datetime import timedelta
from pathlib import Path

import pytest

from bot.content.loader import load_content
from bot.content.store import ContentStore
from bot.content.versions import PREVIEW_LIMIT, Change, ContentVersions, VersionError
from bot.content.versions import archive as archive_module
from bot.content.versions import swap as swap_module
from bot.content.yaml_lines import ContentError
from testkit import ROOT

CONTENT = ROOT / "content"
OLD_WARNING = "A stranger's free stock group is a trap. Do not put money in."
NEW_WARNING = "A stranger's free stock group is a trap. Never put money in."


def tree_hash(root: Path) -> str:
    """Every file under root (hidden ones too), its path and bytes."""
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def make_zip(members: dict[str, bytes], symlinks: tuple[str, ...] = ()) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, body in members.items():
            archive.writestr(name, body)
        for name in symlinks:
            info = zipfile.ZipInfo(name)
            info.external_attr = 0o120777 << 16  # a symbolic link, as `zip --symlinks` stores it
            archive.writestr(info, "/etc/passwd")
    return buffer.getvalue()


def elderly_warning(root: Path) -> str:
    return load_content(root).scams["stock_lecturer"]["warning"]["en"]["elderly"]


@pytest.fixture
def live(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    shutil.copytree(CONTENT, root)
    return root


@pytest.fixture
def versions(live: Path, tmp_path: Path) -> ContentVersions:
    return ContentVersions(live, tmp_path / "data" / "content_versions")


def edited_scam(live: Path, new: str = NEW_WARNING, was: str = OLD_WARNING) -> bytes:
    """scams/stock_lecturer.yml with its elderly English warning reworded."""
    text = (live / "scams" / "stock_lecturer.yml").read_text(encoding="utf-8")
    assert text.count(f'elderly: "{was}"') == 1
    return text.replace(f'elderly: "{was}"', f'elderly: "{new}"').encode("utf-8")


def leftovers(tmp_path: Path, archive: Path) -> list[str]:
    """Staging and swap folders that should not outlive an operation."""
    return sorted(p.name for p in [*archive.glob(".staging-*"), *tmp_path.glob(".content.*")])


def test_single_file_edit_is_previewed_then_applied_as_version_2(versions, live, tmp_path):
    before = tree_hash(live)
    # Two files are named stock_lecturer.yml (scams/ and quiz/): the upload is an edited copy of the scam file.
    staged = versions.stage("stock_lecturer.yml", edited_scam(live))

    assert staged.ok and staged.problems == [] and staged.token
    assert staged.changes == [Change("scams/stock_lecturer.yml", "changed", 1, 1)]
    assert "→ content/scams/stock_lecturer.yml" in staged.preview
    assert "content/quiz/stock_lecturer.yml" in staged.preview  # says which other file has that name
    assert f'-    elderly: "{OLD_WARNING}"' in staged.preview
    assert f'+    elderly: "{NEW_WARNING}"' in staged.preview
    assert "--- a/content/scams/stock_lecturer.yml" in staged.preview
    assert len(staged.preview) <= PREVIEW_LIMIT
    assert tree_hash(live) == before, "staging must not touch the live content"
    assert versions.current_version() == 1

    assert versions.apply(staged.token, by=42) == 2
    assert elderly_warning(live) == NEW_WARNING
    assert versions.current_version() == 2
    assert leftovers(tmp_path, versions.archive) == []
    latest = versions.list_versions()[0]
    assert (latest.number, latest.by, latest.current) == (2, 42, True)
    assert "upload stock_lecturer.yml" in latest.summary and "scams/stock_lecturer.yml" in latest.summary
    assert latest.applied_at.utcoffset() == timedelta(0)
    # The archive holds the version in full.
    assert tree_hash(versions.archive / "2") == tree_hash(live)

    with pytest.raises(VersionError, match="unknown upload"):
        versions.apply(staged.token, by=42)


def test_a_long_diff_is_cut_to_the_preview_limit(versions, live):
    path = live / "messages.yml"
    text = path.read_text(encoding="utf-8")
    edited = "\n".join(
        f"{line}  # note {n}" if line.startswith("    ") else line for n, line in enumerate(text.split("\n"))
    )
    staged = versions.stage("messages.yml", edited.encode("utf-8"))
    assert staged.ok, staged.problems
    assert len(staged.preview) <= PREVIEW_LIMIT
    assert "diff cut here" in staged.preview
    assert staged.changes[0].lines_added > 50
    versions.discard(staged.token)
    assert list(versions.archive.glob(".staging-*")) == []
    with pytest.raises(VersionError):
        versions.apply(staged.token, by=1)


def test_yaml_error_is_rejected_with_file_and_line_and_changes_nothing(versions, live, tmp_path):
    before = tree_hash(live)
    body = (live / "messages.yml").read_bytes() + b"broken: [unclosed\n"
    last_line = body.count(b"\n")
    staged = versions.stage("messages.yml", body)

    assert not staged.ok and staged.token == ""
    assert any(
        p.startswith((f"content/messages.yml:{last_line}: YAML syntax error", f"content/messages.yml:{last_line + 1}:"))
        for p in staged.problems
    ), staged.problems
    assert "Rejected" in staged.preview and staged.problems[0] in staged.preview
    assert tree_hash(live) == before
    assert leftovers(tmp_path, versions.archive) == []
    assert [v.number for v in versions.list_versions()] == [1]


# 9**7 strings from 320 bytes of aliases of aliases: expanded, minutes and gigabytes (issue 15, attack 8).
ALIAS_BOMB = "".join(
    f"{name}: &{name} [{', '.join([f'*{previous}'] * 9) if previous else ', '.join(['lol'] * 9)}]\n"
    for previous, name in zip(["", "a", "b", "c", "d", "e"], "abcdefg")
).encode()


def test_a_yaml_alias_bomb_is_refused_before_it_expands(versions, live):
    before = tree_hash(live)
    staged = versions.stage("messages.yml", ALIAS_BOMB)
    assert len(ALIAS_BOMB) < 400
    assert not staged.ok
    assert "content/messages.yml:2: YAML syntax error: aliases (*a) are not allowed in content files" in staged.problems
    assert tree_hash(live) == before


@pytest.mark.parametrize(
    ("template", "reason"),
    [
        ('{{ "ab" * 50000000 }}', "content/templates/warning.j2:2: does not render: repeating text or lists past "
         "10000 items is not allowed"),
        ("{{ 9 ** 99999999 }}", "content/templates/warning.j2:2: does not render: a power above 64 is not allowed in "
         "templates"),
        # The whole output is too long: no one line to blame.
        ("{% for a in range(100000) %}{% for b in range(100000) %}spam{% endfor %}{% endfor %}",
         "content/templates/warning.j2: does not render: the template wrote more than 100000 characters"),
    ],
)  # fmt: skip
def test_a_template_built_to_exhaust_memory_is_refused(versions, live, template, reason):
    before = tree_hash(live)
    staged = versions.stage("warning.j2", f"{{# a costly template #}}\n{template}\n".encode())
    assert not staged.ok
    assert reason in staged.problems
    assert tree_hash(live) == before


def test_a_template_that_never_ends_is_stopped_by_the_checks_own_limits(versions, live, monkeypatch):
    """No output, no end: only the check's process limits stop it (60 s of CPU by default, 2 here)."""
    monkeypatch.setenv("CONTENT_CHECK_CPU_SECONDS", "2")
    before = tree_hash(live)
    spin = "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}\n"
    staged = versions.stage("warning.j2", spin.encode())
    assert not staged.ok
    assert staged.problems == [
        "content: the check went past its limits (2 s of CPU, 1536 MB of memory): a template or file that costs "
        "too much"
    ]
    assert tree_hash(live) == before


def test_missing_language_is_rejected_with_file_and_line(versions, live):
    before = tree_hash(live)
    lines = (live / "scams" / "loan_unfreeze_fee.yml").read_text(encoding="utf-8").split("\n")
    start = lines.index("warning:")
    zh = lines.index("  zh:", start)
    del lines[zh : zh + 3]  # "  zh:", its standard and elderly texts
    staged = versions.stage("loan_unfreeze_fee.yml", "\n".join(lines).encode("utf-8"))

    assert f"content/scams/loan_unfreeze_fee.yml:{start + 2}: missing 'warning.zh'" in staged.problems
    assert staged.changes == [Change("scams/loan_unfreeze_fee.yml", "changed", 0, 3)]
    assert tree_hash(live) == before


def test_text_that_is_not_utf8_is_rejected_with_its_line(versions, live):
    body = b"greet:\n  en: ok\n" + "  zh: 你好\n".encode("gbk")
    staged = versions.stage("messages.yml", body)
    assert staged.problems == ["messages.yml:3: not UTF-8 text (byte 0xc4); save the file as UTF-8"]


def test_windows_line_ends_and_byte_order_mark_are_normalised(versions, live):
    body = b"\xef\xbb\xbf" + edited_scam(live).replace(b"\n", b"\r\n")
    staged = versions.stage("stock_lecturer.yml", body)
    assert staged.changes == [Change("scams/stock_lecturer.yml", "changed", 1, 1)], staged.preview
    assert versions.apply(staged.token, by=None) == 2
    assert b"\r" not in (live / "scams" / "stock_lecturer.yml").read_bytes()


def test_unknown_and_ambiguous_single_file_names_are_refused(versions, live):
    before = tree_hash(live)
    staged = versions.stage("no_such_file.yml", b"a: 1\n")
    assert not staged.ok
    assert staged.problems[0].startswith("no_such_file.yml: no content file is named no_such_file.yml")

    staged = versions.stage("stock_lecturer.yml", b"something: else\n")
    assert len(staged.problems) == 1
    assert "content/quiz/stock_lecturer.yml" in staged.problems[0]
    assert "content/scams/stock_lecturer.yml" in staged.problems[0]

    staged = versions.stage("photo.png", b"\x89PNG")
    assert "send one content file" in staged.problems[0]
    staged = versions.stage("messages.yml", (live / "messages.yml").read_bytes())
    assert staged.problems == ["upload messages.yml: nothing to change: the upload is identical to the live content"]
    assert tree_hash(live) == before


def test_a_name_with_its_folder_picks_that_file(versions, live):
    staged = versions.stage("content/scams/stock_lecturer.yml", edited_scam(live))
    assert staged.changes == [Change("scams/stock_lecturer.yml", "changed", 1, 1)]


def test_zip_of_content_is_laid_over_the_live_folder(versions, live):
    template = (live / "templates" / "goodbye.j2").read_bytes() + b"{# reviewed #}\n"
    data = make_zip(
        {
            "content/scams/stock_lecturer.yml": edited_scam(live),
            "templates/goodbye.j2": template,
            "__MACOSX/content/._messages.yml": b"\x00\x05",
        }
    )
    staged = versions.stage("content.zip", data)
    assert staged.ok, staged.problems
    assert [(c.path, c.kind) for c in staged.changes] == [
        ("scams/stock_lecturer.yml", "changed"),
        ("templates/goodbye.j2", "changed"),
    ]
    assert "none removed" in staged.preview and "macOS metadata entry ignored" in staged.preview
    assert versions.apply(staged.token, by=7) == 2
    assert elderly_warning(live) == NEW_WARNING
    assert (live / "templates" / "goodbye.j2").read_bytes() == template
    assert (live / "regions" / "hk.yml").read_bytes() == (CONTENT / "regions" / "hk.yml").read_bytes()


def test_zip_adds_a_file_and_only_a_rollback_removes_it(versions, live):
    original = tree_hash(live)
    region = (live / "regions" / "hk.yml").read_text(encoding="utf-8").replace("region: hk", "region: mo")
    staged = versions.stage("new_region.zip", make_zip({"regions/mo.yml": region.encode("utf-8")}))
    assert staged.ok, staged.problems
    assert staged.changes == [Change("regions/mo.yml", "added", region.count("\n"), 0)]
    assert "--- /dev/null\n+++ b/content/regions/mo.yml" in staged.preview
    assert versions.apply(staged.token, by=7) == 2
    assert "mo" in load_content(live).regions

    assert versions.rollback(1, by=7) == 3
    assert not (live / "regions" / "mo.yml").exists()
    assert tree_hash(live) == original


@pytest.mark.parametrize(
    ("members", "symlinks", "reason"),
    [
        ({"../evil.yml": b"a: 1\n"}, (), "../evil.yml: the path leaves content/"),
        ({"content/../../evil.yml": b"a: 1\n"}, (), "the path leaves content/"),
        ({"/etc/evil.yml": b"a: 1\n"}, (), "/etc/evil.yml: an absolute path"),
        ({}, ("scams/link.yml",), "scams/link.yml: a symbolic link"),
        ({"scams/run.sh": b"echo\n"}, (), "scams/run.sh: not a content file"),
        ({"content-main/scams/x.yml": b"a: 1\n"}, (), "content/ has no folder content-main/scams/"),
        ({".hidden.yml": b"a: 1\n"}, (), "a hidden file"),
    ],
)
def test_dangerous_zip_members_are_refused(versions, live, tmp_path, members, symlinks, reason):
    before = tree_hash(live)
    staged = versions.stage("upload.zip", make_zip(members, symlinks))
    assert not staged.ok and staged.token == ""
    assert any(reason in problem for problem in staged.problems), staged.problems
    assert all(problem.startswith("upload.zip: ") for problem in staged.problems)
    assert tree_hash(live) == before
    assert not (tmp_path / "evil.yml").exists() and not Path("/etc/evil.yml").exists()
    assert leftovers(tmp_path, versions.archive) == []


def test_zip_bombs_are_refused(versions, live):
    before = tree_hash(live)
    big = versions.stage("bomb.zip", make_zip({"messages.yml": b"#" * (6 * 1024 * 1024)}))
    assert big.problems == ["bomb.zip: it unpacks to 6,291,456 bytes; at most 5,242,880 (5 MB)"]

    many = versions.stage("many.zip", make_zip({f"sources/{n}.txt": b"x" for n in range(501)}))
    assert many.problems and "at most 500" in many.problems[0]

    # A header that understates the size: reading stops at the declared size and the checksum fails.
    data = bytearray(make_zip({"messages.yml": b"#" * 100_000}))
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = data.find(signature) + offset
        data[at : at + 4] = (10).to_bytes(4, "little")
    lying = versions.stage("lying.zip", bytes(data))
    assert lying.problems and "cannot be unpacked" in lying.problems[0], lying.problems

    assert versions.stage("junk.zip", b"not a zip").problems[0].startswith("junk.zip: not a valid zip file")
    assert tree_hash(live) == before


def test_rollback_to_1_restores_the_original_bytes_as_version_3(versions, live):
    original = tree_hash(live)
    staged = versions.stage("stock_lecturer.yml", edited_scam(live))
    assert versions.apply(staged.token, by=42) == 2
    assert tree_hash(live) != original

    preview = versions.stage_rollback(1)
    assert preview.changes == [Change("scams/stock_lecturer.yml", "changed", 1, 1)]
    versions.discard(preview.token)

    assert versions.rollback(1, by=43) == 3
    assert tree_hash(live) == original
    assert elderly_warning(live) == OLD_WARNING

    listed = versions.list_versions()
    assert [v.number for v in listed] == [3, 2, 1]
    assert [v.current for v in listed] == [True, False, False]
    assert [v.by for v in listed] == [43, 42, None]
    assert listed[0].summary.startswith("rollback to version 1")
    assert listed[2].summary == "content as first seen"

    with pytest.raises(ValueError, match="there is no version 9"):
        versions.rollback(9, by=43)
    with pytest.raises(ValueError, match="version 3 is the live content already"):
        versions.rollback(3, by=43)
    assert versions.current_version() == 3


def test_rollback_refuses_an_archived_version_that_fails_the_check(versions, live):
    versions.list_versions()  # version 1
    path = live / "messages.yml"
    path.write_text(path.read_text(encoding="utf-8") + "broken: [unclosed\n", encoding="utf-8")
    assert versions.current_version() == 2  # the edit on disk became a version of its own
    path.write_bytes((CONTENT / "messages.yml").read_bytes())
    assert versions.current_version() == 3
    before = tree_hash(live)
    with pytest.raises(VersionError, match=r"cannot roll back to version 2:\ncontent/messages.yml:\d+: YAML syntax"):
        versions.rollback(2, by=1)
    assert tree_hash(live) == before


def test_edits_on_disk_become_a_version_before_an_upload(versions, live):
    assert versions.current_version() == 1
    path = live / "regions" / "hk.yml"
    path.write_text(path.read_text(encoding="utf-8") + "# checked\n", encoding="utf-8")
    listed = versions.list_versions()
    assert [(v.number, v.summary, v.current) for v in listed] == [
        (2, "edited on disk, outside uploads", True),
        (1, "content as first seen", False),
    ]
    staged = versions.stage("stock_lecturer.yml", edited_scam(live))
    assert versions.apply(staged.token, by=5) == 3
    assert path.read_text(encoding="utf-8").endswith("# checked\n")


def test_apply_refuses_when_the_live_content_changed_since_staging(versions, live):
    staged = versions.stage("stock_lecturer.yml", edited_scam(live))
    other = versions.stage("stock_lecturer.yml", edited_scam(live, "Something else entirely, do not pay."))
    assert versions.apply(other.token, by=1) == 2
    with pytest.raises(VersionError, match="changed since this upload was checked"):
        versions.apply(staged.token, by=1)
    assert elderly_warning(live) == "Something else entirely, do not pay."


def test_an_expired_or_malformed_token_is_refused(versions, live, monkeypatch):
    staged = versions.stage("stock_lecturer.yml", edited_scam(live))
    for token in ("", "../../etc", "0" * 16):
        with pytest.raises(VersionError, match="unknown upload"):
            versions.apply(token, by=1)
    monkeypatch.setattr(archive_module, "STAGING_TTL", timedelta(seconds=-1))
    with pytest.raises(VersionError, match="expired"):
        versions.apply(staged.token, by=1)
    assert list(versions.archive.glob(".staging-*")) == []
    assert elderly_warning(live) == OLD_WARNING


@pytest.mark.parametrize("how", ["rename", "files"])
def test_apply_without_an_atomic_exchange(versions, live, tmp_path, monkeypatch, caplog, how):
    """Where renameat2 is missing, two renames; where content/ cannot be moved (a mount point), file by file."""

    def no_exchange(first, second):
        if how == "files":
            raise OSError(errno.EBUSY, "Device or resource busy")
        return False

    monkeypatch.setattr(swap_module, "exchange", no_exchange)
    caplog.set_level(logging.INFO, logger="bot.content.versions")
    staged = versions.stage("stock_lecturer.yml", edited_scam(live))
    assert versions.apply(staged.token, by=1) == 2
    assert f"content version 2 is live ({how}" in caplog.text
    assert elderly_warning(live) == NEW_WARNING
    assert versions.rollback(1, by=1) == 3
    assert tree_hash(live) == tree_hash(versions.archive / "1")
    assert leftovers(tmp_path, versions.archive) == []
    assert not list(live.rglob(".*.tmp"))


def test_readers_during_apply_see_the_old_or_the_new_content_never_a_broken_one(versions, live, tmp_path, caplog):
    """While uploads are applied, one thread loads the content in a loop and another refreshes a ContentStore in
    a loop. With the atomic exchange (Linux), neither ever fails nor sees anything but one complete tree.
    (Without it, see test_apply_without_an_atomic_exchange and bot/content/versions/swap.py: a reader walking the
    folder during the two renames can get FileNotFoundError.)"""
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    if not swap_module.exchange(tmp_path / "a", tmp_path / "b"):
        pytest.skip("renameat2(RENAME_EXCHANGE) is not available here")
    store = ContentStore(live)
    texts = [NEW_WARNING, "Third wording: never pay a stranger's group.", NEW_WARNING]
    seen: set[str] = set()
    errors: list[BaseException] = []
    caplog.set_level(logging.INFO, logger="bot.content.versions")

    for number, (text, delay) in enumerate(zip(texts, (0.0, 0.1, 0.4)), start=2):
        staged = versions.stage("stock_lecturer.yml", edited_scam(live, text, was=elderly_warning(live)))
        done = threading.Event()
        passes = {"load": 0, "refresh": 0}  # reader passes completed in this round
        both_running = threading.Event()

        def count(reader: str, passes=passes, both_running=both_running) -> None:
            passes[reader] += 1
            if passes["load"] and passes["refresh"]:
                both_running.set()

        def load_loop(done=done, count=count):
            while not done.is_set():
                try:
                    seen.add(elderly_warning(live))
                except (ContentError, OSError) as error:
                    errors.append(error)
                count("load")

        def refresh_loop(done=done, count=count):
            while not done.is_set():
                try:
                    problems = store.refresh()
                except OSError as error:
                    errors.append(error)
                    continue
                if problems:
                    errors.append(ContentError(problems))
                count("refresh")

        readers = [threading.Thread(target=load_loop), threading.Thread(target=refresh_loop)]
        for reader in readers:
            reader.start()
        try:
            # Both readers are at work before the swap (counting passes over a fixed time instead depended on
            # the machine's speed); the swap then lands at a different point of their work each round.
            assert both_running.wait(timeout=60)
            time.sleep(delay)
            refreshed_before = passes["refresh"]
            assert versions.apply(staged.token, by=1) == number
        finally:
            done.set()  # each reader finishes the pass that overlapped the swap, then stops
            for reader in readers:
                reader.join()
        assert passes["refresh"] > refreshed_before  # a refresh pass ran across or after the swap

    assert caplog.text.count("(exchange") == len(texts)
    assert errors == []
    assert seen <= {OLD_WARNING, *texts} and NEW_WARNING in seen
    store.refresh()
    assert store.current.scams["stock_lecturer"]["warning"]["en"]["elderly"] == texts[-1]


def test_the_archive_may_not_be_inside_the_content_folder(live):
    with pytest.raises(ValueError):
        ContentVersions(live, live / "versions")
