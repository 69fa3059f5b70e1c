#!/usr/bin/env bash
# Installs the Debian packages the tests use when they are missing: PostgreSQL's programs (the storage tests
# start a throwaway server; the bot supports PostgreSQL by DATABASE_URL), Redis and nginx (the replica test:
# Rasa's lock store, the load balancer), a Chinese font (the /stats chart), and Tesseract OCR (screenshots). As
# root, or with sudo; otherwise prints the one command to run.
set -euo pipefail

missing=()
if ! command -v initdb >/dev/null 2>&1 && ! compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; then
    missing+=(postgresql)
fi
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx)
# A Chinese font for the trainers' /stats chart.
[ -e /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ] || missing+=(fonts-wqy-microhei)
# systemd-analyze checks the units in deploy/systemd/ (a container image may lack systemd).
command -v systemd-analyze >/dev/null 2>&1 || missing+=(systemd)
# Chromium and its chromedriver for the web console's browser tests (tests/browser/, Selenium), and an emoji
# font for the messages they show (the README's screenshots of the console).
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
[ -e /usr/share/fonts/truetype/noto/NotoColorEmoji.ttf ] || missing+=(fonts-noto-color-emoji)
# Tesseract OCR for the text of screenshots users send (bot/screenshot_text.py): the Han script models it reads
# with (Simplified and Traditional Chinese, English), the Chinese and English language models beside them, and the
# Noto CJK fonts the OCR tests draw their screenshots with (testkit/screenshots.py).
command -v tesseract >/dev/null 2>&1 || missing+=(tesseract-ocr)
tessdata=/usr/share/tesseract-ocr/5/tessdata
[ -e $tessdata/HanS.traineddata ] || missing+=(tesseract-ocr-script-hans)
[ -e $tessdata/HanT.traineddata ] || missing+=(tesseract-ocr-script-hant)
[ -e $tessdata/chi_sim.traineddata ] || missing+=(tesseract-ocr-chi-sim)
[ -e $tessdata/chi_tra.traineddata ] || missing+=(tesseract-ocr-chi-tra)
[ -e $tessdata/eng.traineddata ] || missing+=(tesseract-ocr-eng)
[ -e /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc ] || missing+=(fonts-noto-cjk)
[ ${#missing[@]} -eq 0 ] && exit 0

install="apt-get install -y -qq ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then
    sudo=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo="sudo"
else
    echo "Missing system packages: ${missing[*]}. Install them once, then run make test again:" >&2
    echo "  sudo apt-get update && sudo $install" >&2
    exit 1
fi
echo "Installing system packages: ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo $install >/dev/null
