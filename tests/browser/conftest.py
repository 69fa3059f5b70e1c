"""Fixtures of the browser tests: Debian's Chromium, headless, driven by Selenium through Debian's chromedriver
(both installed by `make system-packages`). Nothing is downloaded: the driver's path is given, so Selenium
Manager is never asked, and SE_OFFLINE forbids it anyway. One browser for the session.

CONSOLE_SCREENSHOTS=<folder> makes the tests save the pages a trainer sees there (docs/images/ for the README)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

from testkit import ROOT, output_folder

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
WINDOW = (1280, 900)
# Without the background-networking flags Chromium keeps calling Google's servers (updates, sync, field trials),
# which a closed network refuses.
FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
    "--disable-default-apps", "--disable-extensions", "--hide-scrollbars", "--force-device-scale-factor=1",
    f"--window-size={WINDOW[0]},{WINDOW[1]}",
)  # fmt: skip


@pytest.fixture(scope="session")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[webdriver.Chrome]:
    """A headless Chromium with a new empty profile; its console messages are kept (driver.get_log("browser"))."""
    if not (os.access(CHROMIUM, os.X_OK) and os.access(CHROMEDRIVER, os.X_OK)):
        pytest.fail("Chromium is missing: `make system-packages` installs chromium and chromium-driver")
    os.environ["SE_OFFLINE"] = "true"
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    log = tmp_path_factory.mktemp("chromedriver") / "chromedriver.log"
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER, log_output=str(log)), options=options)
    driver.set_page_load_timeout(60)
    # The window's size counts a browser frame even headless: grown so that the page itself is WINDOW.
    width, height = driver.execute_script("return [window.innerWidth, window.innerHeight]")
    driver.set_window_size(2 * WINDOW[0] - width, 2 * WINDOW[1] - height)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture(scope="session")
def screenshots() -> Path | None:
    """The folder CONSOLE_SCREENSHOTS names (made if missing), or None: no screenshots are saved."""
    return output_folder("CONSOLE_SCREENSHOTS")


@pytest.fixture(scope="module")
def content_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of content/ for the bot a module runs: publishing there leaves the repository's own alone."""
    root = tmp_path_factory.mktemp("content") / "content"
    shutil.copytree(ROOT / "content", root)
    return root
