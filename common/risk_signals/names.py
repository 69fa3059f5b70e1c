"""The names of the risk signals, and the sets and order they are used in."""

from __future__ import annotations

MONEY_SENT = "money_sent"
CODE_SHARED = "code_shared"
CARD_DETAILS = "card_details"
REMOTE_ACCESS = "remote_access"
APP_INSTALLED = "app_installed"
ABOUT_TO_PAY = "about_to_pay"
THREAT = "threat"
OFFICIAL_WARNING = "official_warning"
RECOVERY_OFFER = "recovery_offer"

# Signals that only matter within a conversation, never listed by `classify`: someone asked for a code or for
# money, and a short "done" ("发了", "I did") that, after such a request, means it was given.
CODE_REQUESTED = "code_requested"
PAYMENT_REQUESTED = "payment_requested"
INSTALL_REQUESTED = "install_requested"
DID_IT = "did_it"
# Returns no honest investment promises ("每月返5%", "guaranteed 30%"): money put into it is money at risk.
RETURNS_PROMISED = "returns_promised"
# Someone known, asking face to face ("我弟当面跟我借"): money to them is family life, not a stranger's demand.
IN_PERSON = "in_person"
# "Don't tell your parents / the bank": secrecy is how scammers keep the people who would stop them away.
SECRECY = "secrecy"
# An official-sounding contact about a scam ("the bank's fraud team rang", "police called about my transfer"):
# a genuine warning unless the same message asks for money, a code or secrecy, which real ones never do.
OFFICIAL_CONTACT = "official_contact"
# What fake officials say: "money laundering", "safe account", "a warrant", "转接到公安".
IMPERSONATION_CUE = "impersonation_cue"

# A "new number" ("Hi Mum, this is my new number", "换号了"): how impersonated relatives and bosses begin.
NEW_NUMBER = "new_number"
# Someone claims your computer, account or phone is hacked or infected: how tech-support scams begin.
ALARM_CLAIM = "alarm_claim"
# A stranger trading online (a seller, a landlord abroad, a "专员" collecting cash): money to them can vanish.
ONLINE_STRANGER = "online_stranger"
# "Is this a scam?", "好驚", "我担心": the writer is worried.
WORRY = "worry"
# A nude or intimate image of the writer, real or faked: blackmail follows.
INTIMATE_IMAGE = "intimate_image"
# A talk, a news story, an article: the writer is learning about scams, not caught in one.
EDUCATIONAL = "educational"
# The writer looked it up themselves on an official site or app ("checked on irs.gov", "自己打开官方app").
OWN_CHECK = "own_check"
# The caller is on the line right now: hang up first.
ON_THE_LINE = "on_the_line"
# The other side has gone quiet after the money: blocked, unreachable, never came back.
VANISHED = "vanished"
# The app is the official anti-fraud app, or came from an official store: "装好了" after it is not a scam's app.
OFFICIAL_APP = "official_app"
# Asked to come to the police station in person: real police do that, fake ones want money moved by phone.
STATION_VISIT = "station_visit"
CONVERSATION_SIGNALS: tuple[str, ...] = (
    CODE_REQUESTED, PAYMENT_REQUESTED, INSTALL_REQUESTED, DID_IT, RETURNS_PROMISED, IN_PERSON, SECRECY,
    OFFICIAL_CONTACT, IMPERSONATION_CUE, NEW_NUMBER, ALARM_CLAIM, ONLINE_STRANGER, WORRY, INTIMATE_IMAGE, EDUCATIONAL,
    OWN_CHECK, ON_THE_LINE, VANISHED, OFFICIAL_APP, STATION_VISIT,
)  # fmt: skip
# Scam-like enough that a message the model cannot place gets "stop now" rather than a menu.
STRONG_MARKERS: frozenset[str] = frozenset({SECRECY, IMPERSONATION_CUE, INTIMATE_IMAGE})
# What makes money words in a message scam-like even when the model reads it as ordinary life.
SCAM_MARKERS: frozenset[str] = frozenset({RETURNS_PROMISED, SECRECY, NEW_NUMBER, ALARM_CLAIM, ONLINE_STRANGER, VANISHED})
REQUESTS: frozenset[str] = frozenset({CODE_REQUESTED, PAYMENT_REQUESTED, INSTALL_REQUESTED})
# What has gone once a request was carried out ("发了" after "he wants the code").
DONE_AS_ASKED: dict[str, str] = {CODE_REQUESTED: "code_shared", PAYMENT_REQUESTED: "money_sent", INSTALL_REQUESTED: "app_installed"}
# ...and the other way round: in the scammer's own message ("pay the fee", "tell me the code", "install AnyDesk")
# the words of something gone are what the scammer asks for.
ASKED_FOR: dict[str, str] = {
    MONEY_SENT: PAYMENT_REQUESTED, CODE_SHARED: CODE_REQUESTED, CARD_DETAILS: CODE_REQUESTED,
    REMOTE_ACCESS: INSTALL_REQUESTED, APP_INSTALLED: INSTALL_REQUESTED,
}  # fmt: skip

# In the order `classify` lists them.
SIGNALS: tuple[str, ...] = (
    MONEY_SENT, CODE_SHARED, CARD_DETAILS, REMOTE_ACCESS, APP_INSTALLED, ABOUT_TO_PAY, THREAT, OFFICIAL_WARNING,
    RECOVERY_OFFER,
)  # fmt: skip
# Something has already gone: money, or what lets a scammer take it.
COMPROMISE: frozenset[str] = frozenset({MONEY_SENT, CODE_SHARED, CARD_DETAILS, REMOTE_ACCESS, APP_INSTALLED})
# Control of the device: the first step is to cut it, before any call to the bank.
DEVICE_CONTROL: frozenset[str] = frozenset({REMOTE_ACCESS, APP_INSTALLED})
# Signals that ordinary life also produces ("I paid the electricity bill", "going to transfer my rent"): they
# count when the message is about a scam, not against a confident "everyday message" (see `scam_relevant`).
EVERYDAY_TOO: frozenset[str] = frozenset({MONEY_SENT, ABOUT_TO_PAY, CODE_REQUESTED, PAYMENT_REQUESTED})
# How sure the model must be that a message is everyday life before that explains its money words away: the
# dialogue's own fallback threshold (config.yml), below which it does not trust the intent either.
EVERYDAY_CONFIDENCE = 0.3
