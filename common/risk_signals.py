"""Risk signals in one message: what has already gone to a scammer (money, a code, card details, control of
the phone), what is about to go, threats, genuine warnings, and offers to "recover" lost money.

The scam type tells the bot which story to tell; these signals tell it what the person must do first, even
when the type is unclear. They are phrase patterns over the normalised text (Simplified Chinese, lower case,
see text_normalise.py) in English, Chinese and colloquial Cantonese: each has to work on a single message
nobody here wrote, and a missed "I gave him the code" costs savings. A "done" pattern preceded by a negation,
a request or a plan ("没给", "he asked me to", "should I") does not count: "I did not give the code" is not a
loss, and "he wants the code" is a request. Threats, warnings and offers count wherever they appear.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

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

# Just before a "done" pattern: a negation, a request or a plan means it did not happen (yet). A completion
# mark after the request ("他让我下载了") means it did.
_BEFORE_ZH = re.compile(
    r"(没有|没|沒|未|不要|不用|不能|不会|别|冇|未有|唔|并未|从没|从未|不|"
    r"(让我|叫我|要我|要求我|逼我|催我|教我|求我|问我|找我|让|叫|要|想|准备|打算|如果|要是|是否|该不该|要不要|需不需要|应不应该|"
    # A scammer's own text is an order, not a report: "请立即将资金转入安全账户", "务必今天缴清".
    r"应该|使唔使|要唔要|点样|怎么|请|务必|尽快|需要|须|必须|速)(?![^，。,.!?！？]*?(了|咗|过|完|晒))[^，。,.!?！？]{0,8})\s*$"
)
_BEFORE_EN = re.compile(
    r"(\b(not|never|no|didn'?t|did not|haven'?t|have not|hasn'?t|has not|won'?t|wouldn'?t|don'?t|do not|doesn'?t|"
    r"refused to|refuse to|without|nothing|before|if|should|shall|whether|can|could|will|would|to|must|going to|"
    r"gonna|want|wants|wanted|asks?|asked|asking|tells?|told|telling)\b[\w\s'’]{0,14})$"
)


@dataclass(frozen=True)
class Pattern:
    """One way of saying a signal. `done` patterns describe something that happened: a negation, request or
    plan just before them undoes them."""

    signal: str
    regex: re.Pattern
    done: bool = True


def _p(signal: str, pattern: str, done: bool = True) -> Pattern:
    return Pattern(signal, re.compile(pattern, re.IGNORECASE), done)


def _alt(*words: str) -> str:
    """A regex group matching any of the words (regex syntax allowed in each)."""
    return "(" + "|".join(words) + ")"


_NUM = r"[\d一二三四五六七八九十两几百千万]"
_ZH_STOP = r"[^，。,.!?！？\n]"  # a character within one clause
_ZH_UNIT = _alt("万", "千", "块", "元", "蚊", "w", "k", "刀", "美金", "美元", "新币", "澳币", "英镑", "镑", "台币", "港币", "usdt", "btc")
_ZH_MONEY = _alt(
    "钱", "款", _NUM, "数", "费", "金", "账", "帐", "进去", "过去", "出去", "给他", "给她", "给对方", "俾佢", "畀佢", "usdt", "币",
    "礼品卡", "购物卡",
)
_ZH_PAY = _alt("转", "汇", "打", "付", "交", "充", "投", "存", "给", "俾", "畀", "过", "入", "买", "缴", "垫", "押", "放", "面交")
_EN_MONEY = _alt(
    r"\$", "£", "€", "¥", "rmb", "yuan", "dollars?", "bucks", "pounds?", "usdt", "btc", "bitcoin", "crypto", r"\d", r"\bk\b",
    "grand", "savings", "money", "cash", "gift ?cards?", "fees?", "deposit", "tax", "all of it", "everything", "it all",
    "pension", "payment", "funds", "bond", "rent", "western union", "moneygram", "bitcoin atm", "wire",
    r"(google play|itunes|apple|steam|amazon|target|walmart|tesco|ebay)( gift)? cards?",
)
_EN_WHO = (
    r"\b" + _alt("i", "i'?ve", "i have", "i had", "we", "we'?ve", "he", "she", "he'?s", "she'?s", "they", "they'?ve", "mum", "mom", "dad",
    r"my (mum|mom|dad|father|mother|grand\w+|wife|husband|son|daughter|aunt|uncle|friend)") + r"\b"
)  # fmt: skip
_ZH_CODE = r"(?<!取件)(?<!取货)(?<!提货)(?<!取餐)" + _alt(
    "验证码", "校验码", "动态码", "动态密码", "短信码", "认证码", "安全码", "口令", "otp", "code", "数字码", "位数字", "6位数", "六位数"
)
_EN_CODE = _alt(
    "code", "otp", r"one[- ]time pass\w*", "passcode", r"pin\b", "verification", "security number", "numbers on the back"
)
_ZH_CARD = _alt(
    "卡号", "银行卡号", "银行卡信息", "银行卡资料", "信用卡号", "cvv", "cvc", "背面三码", "安全码", "有效期", "到期日", "网银密码",
    "银行卡密码", "支付密码", "取款密码", "登录密码", "登入名", "交易密码", "密码", "身份证号",
)
_EN_CARD = _alt(
    "card number", "card details", "card info", "cvv", "cvc", "security code", "expiry", "bank details",
    "banking (login|password|details)", "online banking", "password", "pin number", "sort code", "account number",
    "login details", "username and password", r"(mygov|bank|banking|netbank|digibank|online) login", r"user ?id", "routing number", "medicare number", "social security( number)?", r"ssn\b",
    "passport number", "id number", "(3|three) (numbers|digits) on the back",
)
_REMOTE = _alt(
    "向日葵", "todesk", "anydesk", "teamviewer", "rustdesk", "quicksupport", "quick support", "远程控制", "远程协助", "远程软件",
    "远程操控", "远程", "屏幕共享", "共享屏幕", "共享了屏幕", "分享画面", "分享屏幕", "共享画面", "投屏", "腾讯会议", "钉钉会议",
    "zoom", "会议软件", "sunflower", r"screen ?shar\w*", r"shar\w* (my|the|his|her) screen",
    "remote (access|control|desktop|support|app)",
)
# ...and nobody answered there: not a check.
_NO_ANSWER = r"(?![^。.!?！？\n]{0,12}(没人接|打不通|没接|关机|冇人听|冇人接|no answer|didn'?t (answer|pick up)|went to voicemail|nobody answered))"
# Where strangers meet and trade online.
_ONLINE = _alt("carousell", "gumtree", "marketplace", "闲鱼", "旋转拍卖", "facebook", "脸书", "面子书", r"\bfb\b", "小红书", "instagram",
               r"\big\b", "网上", r"\bonline\b", "whatsapp", "telegram", "tiktok", "抖音", "dating app", "交友软件", "交友app", "tinder",
               "hinge", "bumble", "网购")  # fmt: skip
_TRADER = _alt("卖家", "卖方", "买家", "房东", "业主", r"\bseller\b", r"\bbuyer\b", r"\blandlord\b", r"\bthe owner\b")
_EN_SUBJECT = _alt("he", "she", "they", "the caller", "the guy", "the agent", "someone", "scammer")
_EN_DEVICE = _alt("screen", "phone", "computer", "pc", "laptop", "mouse")
_CLAUSE = r"[^.!?\n]"  # a character within one English sentence
# Words of a plan: "准备", "打算", "明早去"…
_PLAN = _alt(
    "准备", "打算", "正要", "正准备", "要去", "马上", "这就", "现在就", "正在去", "在去", "去紧", "明天", "明早", "今天", "今晚",
    "等下", "等一下", "等阵", "一会儿", "待会", "而家", "即刻", "就要", "快要", "诺住", "谂住", "想要",
)
_ZH_ASK = "(?<![不别唔没冇未])" + _alt(
    "要我", "让我", "叫我", "问我要", "找我要", "跟我要", "向我要", "要求我", "催我", "问我攞", "叫我俾", "说要", "话要", "要先", "需要先",
    "要求", "让他", "让她", "叫他", "叫她", "叫佢",
) + "(?!" + _ZH_STOP + "{0,6}?(不要|别|不|唔好|唔|勿|停止))"  # "叫我不要再汇款" is a warning, not a request

PATTERNS: tuple[Pattern, ...] = (
    # --- money has gone ---------------------------------------------------------------------------------
    _p(MONEY_SENT, _ZH_PAY + _alt("了", "咗", "完", "过了", "过咗") + _ZH_STOP + "{0,8}?" + _ZH_MONEY),
    _p(
        MONEY_SENT,
        _alt("转", "汇", "打", "付", "交", "充", "投", "给", "俾", "过", "入", "垫", "放") + "(了|咗)?"
        + _alt("进去", "过去", "入去", "落去", "出去") + r"?\s*" + _alt("大概", "差不多", "约", "共", "总共", "合共")
        + r"?\s*" + _NUM + r"[\d,.]*\s*" + _ZH_UNIT,
    ),  # fmt: skip
    _p(
        MONEY_SENT,
        _alt("已经", "已", "都", "早就", "前后", "先后", "一共", "总共", "累计", "合共", "前前后后") + r"\s*"
        + _alt("转", "汇", "打", "付", "交", "充", "投", "给", "俾", "畀", "缴", "入", "垫", "花", "买", "提"),
    ),  # fmt: skip
    _p(MONEY_SENT, _alt("转", "汇", "打", "充", "投", "付", "存", "放") + _alt("过去", "进去", "出去", "入去", "落去") + "(了|咗)"),
    _p(MONEY_SENT, _alt("转", "汇", "打", "存", "充") + _alt("到", "进", "入") + _ZH_STOP + "{0,12}?"
       + _alt("账户", "账号", "户口", "卡", "钱包", "平台", "app")),  # fmt: skip
    _p(MONEY_SENT, _alt("付", "转", "汇", "交", "俾", "打款", "过数", "入数") + r"(了|咗)\s*($|[，。,.!?！？\s])"),
    _p(
        MONEY_SENT,
        _alt("过咗数", "入咗数", "转咗账", "过了数", "被骗了", "被骗走", "骗走了", "骗咗", "俾人呃", "呃咗", "被呃", "损失了", "亏了",
             "钱没了", "钱没有了", "钱都没了", "血本无归", "凑的钱", "花了" + _NUM),
    ),  # fmt: skip
    _p(
        MONEY_SENT,
        _alt("提不出来", "提现不了", "取不出来", "出不了金", "无法提现", "不能提现", "提唔到", "攞唔返", "拿不回来", "要不回来",
             "追回来吗", "追得回", "还能追回", "攞得返", "能不能追回", "可唔可以攞返", "钱还在吗", "能要回来", "要得回来", "能拿回",
             "能追回", "钱能不能要回", "要的回来", "还要得回"),
    ),  # fmt: skip
    _p(MONEY_SENT, _alt("让我", "帮我", "带我") + _alt("赚了", "赚到", "挣了", "赚咗")),
    _p(
        MONEY_SENT,
        _EN_WHO + r"\s+(already\s+|just\s+|then\s+|also\s+|have\s+|had\s+)?"
        + _alt("sent", "paid", "transferred", "wired", "deposited", "invested", "topped up", "zelled", "venmoed", "paynow-?ed")
        + r"\b(?! (me|you|us|him|her|them)\b)",
    ),  # fmt: skip
    _p(
        MONEY_SENT,
        _EN_WHO + r"\s+(\w+\s+){0,2}?"
        + _alt("sent", "paid", "transferred", "wired", "deposited", "invested", "topped up", "put", "gave",
               "handed( over)?", "lost", "spent", "moved", "bought", "withdrew")
        + r"\b" + _CLAUSE + "{0,40}?" + _EN_MONEY,
    ),  # fmt: skip
    _p(
        MONEY_SENT,
        r"\b" + _alt("scammed out of", "conned out of", "cheated out of", "i'?ve been scammed", "i got scammed",
                     "i was scammed", "been robbed", r"lost (my|all|over|about|around|nearly|almost)\b",
                     "money (is |has )?(gone|lost)", "that money gone"),
    ),  # fmt: skip
    _p(
        MONEY_SENT,
        r"\b" + _alt("can'?t", "cannot", "won'?t let me", "unable to", "not able to") + " "
        + _alt("withdraw", "cash out", "take out", "get (my|the) money"),
    ),  # fmt: skip
    # Asking to get it back says it has gone, whatever the "can I" before it.
    _p(MONEY_SENT, r"\b(get|getting|recover|recovering) (my|our|her|his|the|any of (my|the)) money back\b", done=False),
    _p(MONEY_SENT, r"\b(the |my |that )?(payment|transfer|money|funds|wire)\b" + _CLAUSE + r"{0,12}?\b(went (to|out to)|has gone to|"
       r"was sent to|is not coming back|isn'?t coming back|not coming back)\b"),
    _p(MONEY_SENT, r"\b(made|earned|make) me (some |a little |a bit of )?(money|profit|cash)\b"),
    _p(MONEY_SENT, r"\b(tried|started|began|tested)( it| out)? with (\$|£|€|¥)?\d"),
    _p(MONEY_SENT, r"\b(been|keeps|kept|has been|have been) (sending|paying|transferring|wiring|giving)\b" + _CLAUSE
       + r"{0,30}?" + _EN_MONEY),  # fmt: skip
    _p(MONEY_SENT, r"\b(keeps|kept|has been|have been|was) buying\b" + _CLAUSE + r"{0,20}?\b(gift ?cards?|apple cards?|"
       r"google play|itunes|steam|vouchers?)"),  # fmt: skip
    _p(MONEY_SENT, r"\b(keeps?|kept) (going|goes|went) (to|back to)\b" + _CLAUSE + r"{0,30}?\bto buy\b" + _CLAUSE
       + r"{0,20}?\b(gift ?cards?|google play|itunes|apple cards?|steam|vouchers?)"),  # fmt: skip
    _p(MONEY_SENT, "(一直|不停|又|经常|成日)" + _ZH_STOP + "{0,4}?买" + _ZH_STOP + "{0,6}?" + _alt("点数", "游戏点数", "点卡", "礼品卡",
       "购物卡", "充值卡", "gift card", "apple card", "mycard", "gash")),  # fmt: skip
    _p(MONEY_SENT, r"\b(took out|withdrew|handed over|handed|gave)\b" + _CLAUSE + r"{0,20}?(\$|£|€|¥|\d)" + _CLAUSE
       + r"{0,60}?\b(courier|driver|collect\w*|came to (the|my) (door|house|home)|picked it up|for it)\b"),  # fmt: skip
    _p(MONEY_SENT, r"\b(courier|driver|someone|a man|a woman|he|she) came to (the|my) (door|house|home) (for|to collect|to pick up)"),
    _p(MONEY_SENT, r"(上门|派人)" + _ZH_STOP + "{0,8}?(拿走|收走|取走|拿了|收了)"),
    # --- a code, card details or a password given; an account taken over ---------------------------------
    _p(
        CODE_SHARED,
        _alt("告诉", "给", "发给", "发过去", "念给", "念", "报给", "报", "说给", "读给", "读", "提供给", "提供", "输给", "俾", "畀",
             "话俾", "讲俾", "报俾", "填", "输入", "输", "入")
        + "(了|咗|埋)?" + _ZH_STOP + "{0,8}?" + _ZH_CODE,
    ),  # fmt: skip
    _p(
        CODE_SHARED,
        _ZH_CODE + _ZH_STOP + "{0,8}?"
        + _alt("告诉了", "告诉他", "告诉她", "给了", "给他", "给她", "给对方", "发给", "发过去", "念给", "念了", "报给", "报了",
               "说了", "读了", "提供了", "俾咗", "俾佢", "话咗", "话俾", "讲咗", "讲俾", "填了", "填咗", "输了", "输入了", "发了",
               "入埋", "入咗", "也填了", "都填了", "也输进去了", "都输进去了"),
        done=False,  # the completion verb is in the pattern; "他让我把验证码发给他，我发了" happened
    ),  # fmt: skip
    _p(
        CODE_SHARED,
        _EN_WHO + r"\s+(already\s+|just\s+|then\s+|also\s+)?"
        + _alt("gave", "told", "sent", "read( out)?", "shared", "forwarded", "provided", "typed", "entered", "put in",
               "texted", "passed", "gave away", "handed over", "confirmed", "keyed")
        + r"\b(?!\s+(me\s+|us\s+)?(not|never|to never|not to)\b)" + _CLAUSE + r"{0,30}?\b" + _EN_CODE,
    ),  # fmt: skip
    _p(CODE_SHARED, r"\b(keyed|typed|entered|put|filled|punched)( it)? in(to)?\b" + _CLAUSE + r"{0,40}?\b" + _EN_CODE),
    _p(CODE_SHARED, r"\bgift ?cards?\b" + _CLAUSE + r"{0,60}?\b(read|gave|sent|texted|told|photographed|scratched)\b" + _CLAUSE
       + r"{0,30}?\b(numbers|codes|pins?|the backs?)\b|" + _alt("礼品卡", "购物卡", "点数卡", "游戏点数", "gift card") + _ZH_STOP
       + "{0,12}?(卡号|密码|号码|序号|序列号)" + _ZH_STOP + "{0,8}?(发|给|念|读|拍|传)(了|咗|给|俾)"),  # fmt: skip
    _p(CODE_SHARED, r"\b(read|gave|sent|told|texted)\b (him|her|them)( all)? (the |my )?(numbers|digits|codes?|pins?)\b"),
    _p(CODE_SHARED, r"\bread (it|them|that|the \w+) (out )?to (him|her|them|the caller|the (man|woman|guy|lady|agent|officer))\b"),
    _p(CODE_SHARED, _EN_CODE + _CLAUSE + r"{0,40}?\b(and i|i)\s+(gave|told|sent|read|typed|entered|provided|keyed|put|filled|punched)\b",
       done=False),  # fmt: skip
    _p(
        CODE_SHARED,
        _alt("登不上", "登录不了", "登唔到", "登不进去", "登入不了", "登不进", "登唔返", "登出咗", "登不回", "登唔入", "在别的手机上登录", "在其他设备登录", "在另一部手机登录", "被盗号", "账号被盗",
             "号被盗", "被人登录", "被登出"),
    ),  # fmt: skip
    _p(
        CODE_SHARED,
        r"\b" + _alt("logged me out", "locked (me )?out of my", "registered on another (device|phone)",
                     "someone else (logged|signed) in", "account (was |got |has been )?(hacked|taken over|stolen)",
                     r"(password (was|has been) changed|registered on (a )?new device|signed in on (a )?new device).{0,100}?"
                     r"(i didn'?t|i did not|wasn'?t me|not me|never)"),
    ),  # fmt: skip
    _p(
        CARD_DETAILS,
        _alt("输入", "输了", "输", "填", "填了", "填写", "填咗", "入咗", "入", "告诉", "给了", "发给", "提供", "打了", "打咗", "读", "念",
             "报", "讲", "话俾")
        + "(了|咗)?" + _ZH_STOP + "{0,10}?" + _ZH_CARD,
    ),  # fmt: skip
    _p(
        CARD_DETAILS,
        _ZH_CARD + _ZH_STOP + "{0,10}?"
        + _alt("告诉了", "给了", "给他", "给她", "发给", "发了", "提供了", "填了", "输了", "输入了", "俾咗", "话咗", "填咗", "入咗", "打咗",
               "读咗", "读了", "念了", "念咗", "讲咗", "报咗", "报了"),
        done=False,
    ),  # fmt: skip
    _p(CARD_DETAILS, r"\b(3|three) (numbers|digits) (on|at|from) the back\b|背面(的)?(三|3)(个)?(码|数字|位|字|数)", done=False),
    _p(CARD_DETAILS, "绑定(了|咗)?" + _ZH_STOP + "{0,4}?(银行卡|信用卡|卡号|网银)"),
    # Logged in to the bank through the app or page they sent: the login is theirs now.
    _p(CARD_DETAILS, _alt("用", "在", "喺", "通过") + "(那个|他的|他们的|对方的|佢嘅|呢个)?" + _ZH_STOP + "{0,6}?(app|软件|网页|链接|网站)"
       + _ZH_STOP + "{0,8}?(登录|登入|登陆)(了|咗)?" + _ZH_STOP + "{0,4}?(银行|网银|网上银行|网上理财)"),  # fmt: skip
    _p(CARD_DETAILS, r"\b(logged|signed) (in|into)\b" + _CLAUSE + r"{0,20}?\b(bank|banking)\b" + _CLAUSE
       + r"{0,20}?\b(using|through|with|in|on) (their|the|that|his|her) (app|page|link|site|website)"),  # fmt: skip
    _p(
        CARD_DETAILS,
        r"\b" + _alt("entered", "typed", "put", "filled", "gave", "told", "sent", "provided", "input", "keyed", "submitted",
                     "confirmed", "shared")
        + r"\b" + _CLAUSE + r"{0,40}?\b" + _EN_CARD,
    ),  # fmt: skip
    _p(CARD_DETAILS, _EN_CARD + _CLAUSE + r"{0,40}?\b(and i|i)\s+(gave|told|sent|typed|entered|provided|filled|put|keyed|tapped|read)\b",
       done=False),  # fmt: skip
    _p(CARD_DETAILS, r"\b(logged|signed) ?(in|on)?( ?to| ?into)?( \w+)? (through|via|from|using|with|on) (the|that|their|his|her|a|this) "
       r"(link|page|site|website)\b"),
    # On a page reached from a link or text: "clicked and logged into digibank on the page with my user id and pin".
    _p(CARD_DETAILS, r"\b(clicked|link|page|site|text|sms)\b" + _CLAUSE + r"{0,60}?\b(logged|signed) ?(in|on|into)\b" + _CLAUSE
       + r"{0,40}?\bwith (my|the|her|his) (user ?id|username|password|pin|login|email and password)"),
    # "...asked for my card to 'receive' the refund so I put that in too"
    _p(CARD_DETAILS, r"\b(asked|wanted|asking) (me )?for (my|the|her|his) (card|bank|login|password|details|account)\b" + _CLAUSE
       + r"{0,60}?\b(i|she|he)\s+(put|typed|entered|gave|filled|keyed)\s+(it|that|them|those)\b"),
    # The card itself handed over: "a courier came and took my old card".
    _p(CARD_DETAILS, r"\b(took|collected|picked up|came for|handed (him|her|them|over)) (my|the|her|his|our) (old |bank |debit |credit )*cards?\b"
       + "|" + _alt("把卡给", "卡被(拿走|收走|取走)", "拿走(了|咗)?(我|佢|他|她)?(的|嘅)?(银行)?卡", "收走(了|咗)?(我|佢|他|她)?(的|嘅)?(银行)?卡")),
    _p(CARD_DETAILS, r"\b(link|looked (just )?like|fake (site|page|website))\b" + _CLAUSE + r"{0,60}?\b(signed|logged) in with\b"
       + _CLAUSE + r"{0,20}?\b(password|pin)"),  # fmt: skip
    # --- control of the phone or computer ------------------------------------------------------------------
    _p(REMOTE_ACCESS, _REMOTE),
    _p(
        REMOTE_ACCESS,
        _alt("他", "她", "对方", "佢", "骗子", "客服", "他们", "佢哋") + "(现在)?(还)?(能|可以|一直|在|正在)?"
        + _alt("看到", "看见", "看得到", "看着", "睇到", "睇住", "控制", "操作") + "(我的?)?"
        + _alt("手机", "屏幕", "电脑", "画面", "荧幕"),
    ),  # fmt: skip
    _p(REMOTE_ACCESS, _alt("手机", "电脑", "屏幕", "鼠标") + "(有时|自己|会自己)+(会)?(动|郁|乱动|操作)"),
    _p(REMOTE_ACCESS, _REMOTE + _ZH_STOP + "{0,10}?" + _alt("我装了", "我下了", "装咗", "下咗", "装好了", "安装了", "开了", "开咗",
                                                          "i did", "installed it", "i installed")),  # fmt: skip
    _p(REMOTE_ACCESS, _alt("他", "她", "对方", "佢", "他们", "佢哋") + _ZH_STOP + "{0,4}?" + _alt("连着", "连住", "还连", "远程")
       + _ZH_STOP + "{0,6}?" + _alt("手机", "电脑", "屏幕", "画面")),  # fmt: skip
    _p(
        REMOTE_ACCESS,
        r"\b" + _EN_SUBJECT + r"\b" + _CLAUSE + r"{0,20}?\b(can|could|is able to) (see|control|access|use|move)\b"
        + _CLAUSE + r"{0,20}?\b(my )?" + _EN_DEVICE,
    ),  # fmt: skip
    _p(
        REMOTE_ACCESS,
        r"\b(he|she|they)('s| is| are|'re)( still)? (in|on|inside|connected to) (my|her|his) (computer|pc|laptop|phone)"
        r"|mouse (is )?moving|"
        r"let (him|her|them) (onto|into|on|in) (my|her|his) (computer|pc|laptop|phone)",
    ),
    _p(
        APP_INSTALLED,
        _alt("下载", "安装", "装", "下") + _alt("了", "咗", "好了", "完") + "(个|咗个|一个)?" + _ZH_STOP + "{0,12}?"
        + _alt("app", "软件", "应用", "apk", "程序", "客户端", "插件"),
    ),  # fmt: skip
    _p(APP_INSTALLED, _alt("按", "照", "听") + _alt("他", "她", "对方", "佢", "客服", "老师", "助理") + _ZH_STOP
       + "{0,6}?(下载|安装|装)(了|咗)"),  # fmt: skip
    _p(APP_INSTALLED, _alt("app", "软件", "apk", "应用", "程序") + _ZH_STOP + "{0,10}?(我)?(就|都|已经)?(下载|安装|装|下)(了|咗|好了)",
       done=False),  # fmt: skip
    _p(APP_INSTALLED, "(?<!帮我)" + _alt("装完", "装好", "下载完", "安装完") + "(?!" + _ZH_STOP + "{0,12}?反诈)"),
    _p(
        APP_INSTALLED,
        _EN_WHO + r"\s+(already\s+|just\s+)?(downloaded|installed)\b" + _CLAUSE + r"{0,40}?\b"
        + _alt("app", "apk", "application", "software", "program") + r"\b" + _CLAUSE + r"{0,40}?\b"
        + _alt("he", "she", "they", "sent", "gave", "link", "told", "recommended", "teacher", "mentor", "agent", "caller",
               "support", "assistant") + r"\b",
    ),  # fmt: skip
    _p(APP_INSTALLED, r"\b(he|she|they) (told|asked|had|got) me to (download|install)\b" + _CLAUSE + r"{0,40}?\b(and )?i did\b"),
    _p(APP_INSTALLED, _EN_WHO + r"\s+(already\s+|just\s+)?(installed|downloaded)\s+(it|the apk|the app|their app|the file)\b"),
    _p(APP_INSTALLED, r"accessibility (permission|service|access)|无障碍(权限|服务)|开晒(啲)?权限|(允许|给|开)(了|咗)(所有|全部)?权限"),
    # --- about to pay -------------------------------------------------------------------------------------
    _p(
        ABOUT_TO_PAY,
        _PLAN + _ZH_STOP + "{0,12}?"
        + _alt("转账", "转钱", "汇款", "汇钱", "打钱", "打款", "付款", "付钱", "交钱", "交费", "充值", "买卡", "取钱", "取现", "提款",
               "提钱", "过数", "入数", "俾钱", "畀钱", "转过去", "汇过去", "转给", "汇给", "打给", "转到", "汇到", "电汇", "交上",
               "交了它", "买礼品卡", "买gift card", "捐", "扫码付"),
        done=False,
    ),  # fmt: skip
    _p(ABOUT_TO_PAY, _PLAN + _ZH_STOP + "{0,12}?" + _alt("转", "汇", "付", "交", "俾", "畀", "过") + _ZH_STOP + r"{0,6}?\$?" + _NUM,
       done=False),  # fmt: skip
    _p(ABOUT_TO_PAY, _PLAN + _ZH_STOP + "{0,12}?" + _alt("拿", "带", "取") + _ZH_STOP + "{0,4}?" + _NUM + r"[\d,.]*\s*" + _ZH_UNIT,
       done=False),  # fmt: skip
    _p(ABOUT_TO_PAY, "去(银行|邮局|农会)" + _ZH_STOP + "{0,8}?" + _alt("转(?!定存|存)", "汇", "取钱", "取现", "打款", "提钱"),
       done=False),  # fmt: skip
    _p(
        ABOUT_TO_PAY,
        _alt("在去银行", "去银行的路上", "到了银行", "在银行排队", "在银行柜台", "在柜台", "去买礼品卡", "去买卡", "去买购物卡",
             "去取钱", "去取现", "凑钱", "筹钱", "借钱交", "借点钱交", "在出租车上", "在路上", "正在输密码", "输支付密码",
             "输入支付密码"),
        done=False,
    ),  # fmt: skip
    _p(
        ABOUT_TO_PAY,
        _alt("在", "到了", "到咗", "喺") + _ZH_STOP + "{0,8}?"
        + _alt("atm", "提款机", "取款机", "柜员机", "银行", "邮局", "柜台", "便利店", "7仔", "711", "全家")
        + _alt("前面", "门口", "这里", "里面", "了", "咗"),
        done=False,
    ),  # fmt: skip
    _p(
        ABOUT_TO_PAY,
        _alt("要不要", "该不该", "用不用", "需不需要", "应不应该", "要唔要", "使唔使", "使不使", "好唔好", "应该", "应唔应该",
             "是不是应该", "系咪应该", "可以")
        + "(先)?" + _ZH_STOP + "{0,4}?"
        + _alt("转", "汇", "付", "交", "充", "给", "俾", "畀", "买", "过数", "入数", "缴", "投")
        # "要不要给他身份证号码" is about details, not money (CARD_DETAILS has its own patterns)
        + "(?!" + _ZH_STOP + "{0,4}?(权限|身份证|资料|号码|地址|名字|电话))",
        done=False,
    ),  # fmt: skip
    _p(ABOUT_TO_PAY, _alt("转", "汇", "付", "交", "充", "给", "俾", "缴", "投") + r"(吗|嘛|唔)\s*[?？]?\s*$", done=False),
    _p(
        ABOUT_TO_PAY,
        # The person's own plan ("I'm going to pay"), not a demand made of them ("they say I must pay": a
        # request, PAYMENT_REQUESTED), which says nothing of whether they already paid.
        r"\b" + _alt("about to", "going to", "gonna", "planning to", "plan to", "will", "want to", "wants to",
                     "on (my|her|his|the) way to", "heading to", "ready to", "should i", "shall i", "do i (have|need) to",
                     "is it ok to", "i'?ll", "she'?ll", "he'?ll", "decided to")
        + r"\s+(just\s+)?(\w+\s+){0,2}"
        + _alt("pay", "send", "transfer", "wire", "deposit", "buy", "invest", "top up", "withdraw", "go to the bank",
               "go in", "get the gift", "hand over", "move") + r"\b",
        done=False,
    ),  # fmt: skip
    _p(
        ABOUT_TO_PAY,
        r"\b" + _alt("on (my|her|his) way to the bank", "at the bank (now|right now)", "in the queue at the bank",
                     "at the counter", "raising the money", "getting the money together",
                     "before i (make|do|send) the (transfer|payment)", "(just )?need to (hit|press|click) (confirm|send|pay)",
                     "(transfer|payment) (is )?(all )?set up", "(going|planning) to go (to|after|tomorrow|today|later|now)",
                     r"(sat|sitting|parked|waiting|standing|queuing) (in|at|outside) (the |a )?\w*\s?(car park|parking lot|"
                     r"bank|queue|store|shop|post office|kiosk|atm|station)", "driving (over|there) now")
        + r"\b",
        done=False,
    ),  # fmt: skip
    # --- threats -----------------------------------------------------------------------------------------
    _p(
        THREAT,
        _alt("视频", "裸照", "照片", "录屏", "录像", "裸聊", "聊天记录", "私密", "影片", "片") + r"[^。.!?！？\n]{0,20}?"
        + _alt("发给", "发到", "曝光", "公开", "散布", "传到", "发你", "群发", "放上网", "发出去", "寄给", "给你的", "send俾", "post"),
        done=False,
    ),  # fmt: skip
    _p(
        THREAT,
        "(不|唔)" + _alt("给", "转", "付", "交", "俾", "汇", "打") + _ZH_STOP + "{0,10}?(就|便|的话)" + _ZH_STOP + "{0,12}?"
        + _alt("发", "曝光", "公开", "散布", "放上网", "send", "post", "抓", "逮捕", "坐牢", "拘留", "通缉", "上门", "冻结", "起诉",
               "告你", "遣返"),
        done=False,
    ),  # fmt: skip
    _p(
        THREAT,
        _alt("否则", "不然", "要不然", "唔系就") + _ZH_STOP + "{0,20}?"
        + _alt("发", "曝光", "公开", "散布", "抓", "逮捕", "坐牢", "拘留", "通缉", "上门", "冻结", "起诉", "告你", "后果自负", "遣返"),
        done=False,
    ),  # fmt: skip
    _p(THREAT, _alt("威胁", "勒索", "敲诈", "恐吓"), done=False),
    _p(THREAT, _alt("如果", "要是", "若", "假如", "如果你", "如果我") + _ZH_STOP + "{0,14}?(就|会|便)" + _ZH_STOP + "{0,6}?"
       + _alt("羁押", "拘留", "逮捕", "坐牢", "被抓", "抓你", "抓我", "通缉", "起诉", "判刑", "冻结"), done=False),  # fmt: skip
    _p(THREAT, _alt("停电", "断电", "停水", "断网", "停机", "销户", "注销你", "冻结你") + _ZH_STOP + "{0,12}?"
       + _alt("今天", "马上", "小时内", "今晚", r"\d+点"), done=False),  # fmt: skip
    _p(THREAT, r"\b(cut|cut off|disconnect|shut off|suspend)\b" + _CLAUSE + r"{0,25}?\b(power|electricity|water|gas|service|"
       r"internet|phone|account)\b" + _CLAUSE + r"{0,30}?\b(today|tonight|now|\d+ ?(am|pm)|within|hours?)\b", done=False),  # fmt: skip
    _p(
        THREAT,
        r"\b(or|otherwise|unless|if i don'?t|if you don'?t)\b" + _CLAUSE + r"{0,60}?\b"
        + _alt("send", "post", "share", "leak", "release", "expose", "publish", "arrest", "jail", "prison", "warrant", "sue",
               "deport"),
        done=False,
    ),  # fmt: skip
    _p(
        THREAT,
        r"\b(send|post|share|leak|release|show)\b" + _CLAUSE + r"{0,40}?\b(to|on|with)\b" + _CLAUSE + r"{0,20}?\b"
        + _alt("everyone", r"all (my|your|his|her) (contacts|friends|followers)",
               r"(my|his|her|your) (whole |entire )?(family|parents|wife|husband|school|college|class|boss|work|friends|contacts|"
               r"uni|employer|company|followers?|follower list|church)"),
        done=False,
    ),  # fmt: skip
    _p(THREAT, r"\b(threaten\w*|blackmail\w*|extort\w*|sextort\w*)\b", done=False),
    _p(THREAT, r"\bunless (i|you|we|he|she|they) (pays?|paid|sends?|transfers?|wires?)\b", done=False),
    _p(THREAT, r"\b(bailiffs?|police|officers?|arrest\w*|warrant|jail|prison|court|deport\w*|cut off|disconnect\w*|"
       r"evict\w*)\b" + _CLAUSE + r"{0,50}?\b(if|unless) (i|you|we|he|she) (don'?t |do not |can'?t )?pay", done=False),  # fmt: skip
    # --- genuine warnings --------------------------------------------------------------------------------
    _p(OFFICIAL_WARNING, r"(96110|12381|18222)", done=False),
    _p(
        OFFICIAL_WARNING,
        _alt("民警", "警察", "警员", "警官", "派出所", "公安", "差人", "阿sir", "社区", "反诈中心") + _ZH_STOP + "{0,8}?"
        + _alt("上门", "来家", "来到", "到我家", "来我家", "跑我家", "我家来", "跑来", "打电话", "打来", "来电", "找我", "劝", "提醒", "拦")
        + "[^。!?！？]{0,50}?"
        + _alt("劝", "提醒", "被骗", "骗局", "诈骗", "涉诈", "不让", "阻止", "拦", "别转", "不要转", "止付", "风险", "卸载", "可疑",
               "傀儡", "被人利用"),
        done=False,
    ),  # fmt: skip
    _p(
        OFFICIAL_WARNING,
        _alt("银行", "柜员", "柜台", "工作人员", "大堂经理", "职员", "经理", "行员", "邮局") + _ZH_STOP + "{0,10}?"
        + _alt("拦", "不让", "不给", "唔俾", "阻止", "问东问西", "报警", "报了警", "叫了警察", "叫警察", "冻结了", "暂停", "延迟",
               "止付", "劝", "一直问"),
        done=False,
    ),  # fmt: skip
    _p(OFFICIAL_WARNING, _alt("165专线", "165打", "165来电", "反诈骗协调中心", "adcc", "防骗易"), done=False),
    _p(OFFICIAL_WARNING, _alt("暂停", "拦截", "拦下", "止付", "截停") + "(了|咗)?" + _alt("这笔", "呢笔", "你的", "我的", "我嘅", "佢嘅", "她的", "他的")
       + "?" + _alt("转账", "转帐", "汇款", "付款", "交易", "过数"), done=False),  # fmt: skip
    _p(OFFICIAL_WARNING, r"\bscamshield\b" + _CLAUSE + r"{0,30}?\b(flagged|blocked|warned|filtered|moved|marked)\b|\b(have|has) (frozen|blocked|"
       r"locked|suspended) (my|her|his|our) account (because|after|when)\b|\b(lady|man|woman|guy|girl|person|staff|teller|cashier) "
       r"at (the |my )?\w+\b" + _CLAUSE + r"{0,20}?\b(wouldn'?t|won'?t|would not|refused to|didn'?t) (send|let|process|transfer|do)\b",
       done=False),  # fmt: skip
    _p(OFFICIAL_WARNING, "(又|然后|后来|之后)?(来了|叫来了|叫咗|嚟咗|到了)" + _ZH_STOP + "{0,4}?" + _alt("警察", "民警", "公安", "警员", "差人", "阿sir"),
       done=False),  # fmt: skip
    _p(STATION_VISIT, "(去|到|来|返)" + _alt("警察局", "派出所", "警署", "警局", "公安局", "差馆") + _ZH_STOP + "{0,4}?"
       + _alt("录口供", "协助调查", "做笔录", "录笔录", "落口供", "报到", "了解情况")
       + r"|\b(come|go) (in|down|over)? ?to (the|a|your local) (police )?station\b|\battend (the|a) police station\b|"
       r"\bgive a (witness )?statement\b", done=False),  # fmt: skip
    # The transfer itself stopped: "转账暂停了", "汇款被拦下来".
    _p(OFFICIAL_WARNING, _alt("转账", "转帐", "汇款", "付款", "交易") + "(被|给|已经|已|都)?(银行)?" + _alt("暂停", "拦截", "拦下", "止付", "截停"),
       done=False),  # fmt: skip
    _p(
        OFFICIAL_WARNING,
        r"\b(police|officers?|cops?|constable|detectives?)\b" + _CLAUSE + r"{0,40}?\b"
        + _alt("came", "called", "visited", "knocked", "turned up", "showed up", "phoned", "rang") + r"\b" + _CLAUSE
        + r"{0,120}?\b"
        + _alt(r"warn\w*", r"scam\w*", r"stop\w*", r"fraud\w*", "flagged", "hold(?! account)", "held", r"block\w*", "suspicious"),
        done=False,
    ),  # fmt: skip
    _p(
        OFFICIAL_WARNING,
        r"\b(bank|teller|cashier|branch|staff|clerk|fraud team)\b" + _CLAUSE + r"{0,30}?\b"
        + _alt("stopped", "blocked", "froze", "frozen", "held", "holding(?! account)", "declined", "refused", "won'?t let",
               "wouldn'?t let", "called the police", "rang the police", "delayed", "paused", "questioned"),
        done=False,
    ),  # fmt: skip
    _p(
        OFFICIAL_WARNING,
        r"\b(she|he|they|staff|the lady|the man|the teller|the manager) (had |has )?(called|rang|phoned) the police\b"
        r"|\b(and|then) (called|rang|phoned) the police\b|\bcalled the police on (me|her|him)\b|\b(put|placed) a (\w+ )?hold on\b|\bbanking protocol\b|\banti-deception\b|\bscamshield alert\b",
        done=False,
    ),
    # Someone telling you NOT to pay: a warning (a scammer wants the opposite).
    _p(OFFICIAL_WARNING, "(叫|让|劝|要|提醒)(我|她|他|佢|我们)" + _ZH_STOP + "{0,2}?" + _alt("不要", "别", "唔好", "不准", "不能")
       + "(再)?" + _alt("转", "汇", "过数", "过钱", "过", "付", "俾", "给", "交", "充", "买", "接陌生", "理", "信"), done=False),  # fmt: skip
    _p(OFFICIAL_WARNING, "(帮我|帮你|要)打(165|110|96110|18222)"
       + r"|\bcall(ed)? (165|110|96110|18222|the police) for me\b", done=False),  # fmt: skip
    _p(OFFICIAL_WARNING, r"\b(told|warned|asked|advised|urged) (me|her|him|us|them) (not to|to stop) (pay|send|transfer|wire|"
       r"move|give)", done=False),  # fmt: skip
    _p(
        OFFICIAL_WARNING,
        r"\b(blocked|froze|frozen|stopped|held|declined|cancelled|canceled|paused|put a hold on) (my|the|a|our|her|his) "
        r"([£$€¥]?[\d,.]+k? )?(\w+ )?(transfer|payment|wire|transaction)|\bput (it|the payment|the transfer|my payment|my transfer) "
        r"on hold\b|\b(transfer|payment|wire|transaction) (got|was|has been) "
        r"(stopped|blocked|held|frozen|declined)|\b(identified|flagged|reported|marked|confirmed) as (a )?(known )?(scam|fraud)"
        r"|\basked (me )?(lots of|a lot of|loads of|so many|many) questions|\b(send|sent|transfer\w*|wire|pay)\b"
        r"[^.!?\n]{0,60}\b(it|that) (got|was|has been) "
        r"(stopped|blocked|held|frozen|declined)|\b(kept|keeps|keep|were|was) asking (me )?(lots of |loads of |a lot of |so many )?questions",
        done=False,
    ),
    # --- "recovery" offers ---------------------------------------------------------------------------------
    # The trade's own words: "回款专员", "退赔名单", "维权群", "asset recovery", "compensation scheme", "release fee".
    _p(RECOVERY_OFFER, _alt("回款专员", "退款专员", "回款账户", "回款专线", "安全回款", "退款专线", "追款", "追损", "退赔", "维权群", "退款群",
                            "赔偿基金", "补偿专案", "赔偿专案", "补偿计划", "受害者补偿", "受害人补偿", "追数公司", "资产追回", "币流分析", "追查资金",
                            "追查我", "资金去向")
       + r"|\b(compensation (scheme|fund|program|programme)|class action|payout list|victims?'? (support|compensation|refund)|"
       r"(crypto|scam|fund|asset) (tracer|tracing|recovery)|chargeback (pros|company|firm|service|specialist)|"
       r"recovery (agent|solicitor|lawyer|people|firm|company|team|expert|specialist|service))\b", done=False),  # fmt: skip
    # Lost money said to be found or recovered, with a fee, a contact or details asked for beside it.
    _p(RECOVERY_OFFER, _alt("被骗", "损失", "被坑", "被呃", "亏") + "(的|咗|了)?" + _alt("钱", "款", "资金", "养老钱", "积蓄", "虚拟币", "币", "usdt")
       + "[^。!?！？]{0,16}?" + _alt("追回", "找到", "冻结", "可以退", "能退", "给退", "拿回", "退回", "退给", "发还", "返还", "攞返")
       + "[^。!?！？]{0,30}?" + _alt("费", "交", "付", "缴", "俾", "保证金", "专员", "加", "联系", "微信", "qq", "链接", "app", "密码", "验证码",
                                    "卡号", "屏幕", "操作", "atm"), done=False),  # fmt: skip
    _p(RECOVERY_OFFER, r"\b(my|your|her|his|their|the|lost|stolen) (\w+ )?(money|funds|crypto|btc|usdt|loss|losses|savings)\b" + _CLAUSE
       + r"{0,30}?\b(is|are|has been|have been|was|were) (\w+ )?(recovered|located|traced|found|seized)\b"
       + r".{0,100}?\b(fee|fees|pay|paid|deposit|charge|tax|bond|release|unlock|whatsapp|telegram|contact|details|password|code|"
       r"install|anydesk|screen ?share|link)\b", done=False),  # fmt: skip
    # Someone who can get it back: "黑客说能把我的钱转出来", "a hacker says he can withdraw my balance".
    _p(RECOVERY_OFFER, _alt("黑客", "骇客", "律师", "律所", "分析师", "技术团队", "追款团队", "顾问", "有人说", "有人话")
       + _ZH_STOP + "{0,16}?" + _alt("能", "可以", "帮", "会") + _ZH_STOP + "{0,12}?"
       + _alt("追回", "拿回", "偷回", "转出来", "解出来", "赢回来", "攞返", "追返", "要回", "拿返", "追", "退钱", "退款给"), done=False),  # fmt: skip
    _p(RECOVERY_OFFER, r"\b(hacker|lawyer|attorney|solicitor|investigator|tracer|company|firm|expert)s?\b" + _CLAUSE
       + r"{0,40}?\b(can|will|could|offer\w*|guarantee\w*|promis\w*|specialis\w*|specializ\w*)\b" + _CLAUSE + r"{0,40}?\b"
       r"(get|getting|pull|track|trace|recover|retrieve|hack)\b", done=False),  # fmt: skip
    _p(RECOVERY_OFFER, r"\b(offering|offers?|promis\w*|guarantee\w*|claims?|says?|said)\b" + _CLAUSE + r"{0,30}?\b(get|getting) "
       r"(my|your|her|his|their|the|all|\d+ ?%)( \w+)? (money|funds|crypto|loss|losses|it) back\b|\bguarantee\w* (a )?full refund\b",
       done=False),  # fmt: skip
    _p(RECOVERY_OFFER, "(说是|自称|冒充|声称)" + _ZH_STOP + "{0,12}?" + _alt("反诈", "网警", "公安", "刑事局", "证监会", "金管会", "165", "法院", "警察",
                                                                  "警方", "银行退款", "反诈骗") + "[^。!?！？]{0,40}?"
       + _alt("退", "追回", "赔偿", "被骗的钱", "被骗多少", "回款", "补偿"), done=False),  # fmt: skip
    _p(
        RECOVERY_OFFER,
        _alt("追回", "追损", "挽回损失", "挽损", "要回来", "找回", "追款", "追讨", "拿回来", "攞返", "追返", "拎返", "发还",
             "退还被骗", "退回被骗", "帮你维权", "帮我维权")
        + "[^。!?！？]{0,20}?"
        + _alt("费", "律师", "黑客", "团队", "公司", "中心", "机构", "保证金", "先交", "先付", "收费", "手续", "佣金", "点", "%"),
        done=False,
    ),  # fmt: skip
    # Someone offering back part of what was lost: "案件有进展 可以退回部分款项".
    _p(RECOVERY_OFFER, _alt("可以", "能够", "能", "帮你", "帮您", "帮我", "会") + _alt("退回", "追回", "返还", "拿回", "发还", "退还")
       + _ZH_STOP + "{0,6}?" + _alt("款项", "钱", "损失", "资金", "被骗", "赃款", "欠款")
       + r"|\b(can|could|will|able to) (return|refund|give back|send back)\b" + _CLAUSE + r"{0,20}?\b(part|some|all|most) of (the|your|my) "
       r"(money|funds|loss|losses)", done=False),  # fmt: skip
    _p(
        RECOVERY_OFFER,
        _alt("费", "保证金", "先交", "先付", "手续费", "先缴", "先俾") + "[^。!?！？]{0,20}?"
        + _alt("追回", "追返", "拿回", "攞返", "要回", "发还"),
        done=False,
    ),  # fmt: skip
    _p(
        RECOVERY_OFFER,
        _alt("律师", "黑客", "团队", "公司", "中心", "机构", "大师", "专家", "警官", "警察", "民警", "网警") + _ZH_STOP + "{0,16}?"
        + _alt("追回", "追损", "挽回", "找回", "要回", "追款", "拿回", "攞返", "追返", "维权", "退回来", "退还", "退给我", "发还"),
        done=False,
    ),  # fmt: skip
    _p(
        RECOVERY_OFFER,
        r"\b" + _alt("recover", "recovery", "retrieve", "reclaim",
                     r"get (your|my|the|her|his|it|them|\d+ ?%|most of it|all of it) (money |funds |crypto |bitcoin )?back")
        + r"\b" + _CLAUSE + r"{0,80}?\b"
        + _alt("fee", "lawyer", "attorney", "hacker", "team", "company", "firm", "agency", "service", "upfront", "percent",
               "%", "commission", "btc", "usdt", "retainer"),
        done=False,
    ),  # fmt: skip
    _p(
        RECOVERY_OFFER,
        r"\b(lawyer|attorney|hacker|team|company|firm|agency|expert|specialist)\b" + _CLAUSE + r"{0,40}?"
        + r"\b(recover|retrieve|reclaim|get (your|my|the|her|his) (money|funds) back)",
        done=False,
    ),  # fmt: skip
    # --- asked for a code or for money; "done" -----------------------------------------------------------------
    _p(CODE_REQUESTED, _ZH_ASK + _ZH_STOP + "{0,12}?" + _ZH_CODE, done=False),
    _p(CODE_REQUESTED, r"\b(he|she|they|someone|the caller|caller|the (guy|man|woman|lady|agent|officer|seller|buyer))\b"
       + _CLAUSE + r"{0,20}?\b(asked|asking|asks|wants|wanted|needs|told me|tells me)\b" + _CLAUSE + r"{0,30}?\b" + _EN_CODE,
       done=False),  # fmt: skip
    _p(
        PAYMENT_REQUESTED,
        _ZH_ASK + _ZH_STOP + "{0,12}?"
        + _alt("交", "转", "汇", "付", "充", "垫", "买", "缴", "俾", "过数", "入数", "打款", "fps", "转数快", "paynow", "payme")
        + _ZH_STOP + "{0,12}?"
        + _alt("费", "金", "钱", "款", _NUM, "卡", "税", "usdt", "币", "数", r"\$"),
        done=False,
    ),  # fmt: skip
    _p(PAYMENT_REQUESTED, _ZH_ASK + _ZH_STOP + "{0,6}?(把|将)" + _ZH_STOP + "{0,6}?" + _alt("钱", "款", "存款", "积蓄", "资金", "现金", "定存")
       + _ZH_STOP + "{0,6}?" + _alt("转", "汇", "存", "交", "取", "提", "拿"), done=False),  # fmt: skip
    # A fee demanded: "要缴15万的清关费", "需要先交保证金".
    _p(PAYMENT_REQUESTED, _alt("要", "需要", "得", "须", "必须") + "(先|再)?" + _alt("缴", "交", "付", "充") + _ZH_STOP + "{0,8}?"
       + _alt("费", "金", "税", "款"), done=False),  # fmt: skip
    # A scammer's own order: "先汇八万到我朋友账户".
    _p(PAYMENT_REQUESTED, "(先|马上|立即|立刻|赶快|尽快)" + _alt("汇", "转", "打", "付", "交", "俾", "过数") + _ZH_STOP + "{0,6}?" + _NUM
       + _ZH_STOP + "{0,8}?" + _alt("到", "去", "给", "入", "俾"), done=False),  # fmt: skip
    _p(
        PAYMENT_REQUESTED,
        r"\b(asked|asking|asks|wants|wanted|told me|tells me|need|needs|have to|has to|must|once i|if i|when i)\b"
        + _CLAUSE + r"{0,20}?\b" + _alt("pay", "send", "transfer", "wire", "deposit", "buy", "top up") + r"\b"
        + _CLAUSE + "{0,40}?" + _EN_MONEY,
        done=False,
    ),  # fmt: skip
    _p(PAYMENT_REQUESTED, r"\b(or|otherwise|unless (you|i|we))\s+(pay|transfer|send|wire)\b|" + _alt("否则", "不然", "要不然", "或者")
       + _ZH_STOP + "{0,4}?" + _alt("交", "付", "缴", "转", "罚款", "保释金"), done=False),  # fmt: skip
    _p(PAYMENT_REQUESTED, r"\b(they|he|she|the caller)\s+(want|wants|wanted|need|needs)\s+(it|the money|the payment|payment|"
       r"\$|£|€|\d)", done=False),  # fmt: skip
    _p(
        RETURNS_PROMISED,
        _alt("返利息", "返息", "每月返", "每个月返", "按月返", "高额回报", "高回报", "保本保息", "保本", "稳赚", "稳赚不赔", "零风险",
             "日赚", "年化" + _NUM, "包赚", "翻倍", r"月息\d", "返利")
        # 8% a year or more: no deposit pays that
        + "|" + _alt("年", "月", "日", "每年", "一年", "每月") + "?" + _alt("利息", "利率", "回报", "收益", "分红", "息") + "(率)?"
        + _ZH_STOP + "{0,3}?(百分之(十|[八九]|[一二三四五六七八九]十|[89]\\b|[1-9]\\d)|([89]|[1-9]\\d)(\\.\\d+)?%)"
        + r"|\b(guaranteed|risk-free|risk free) (return|returns|profit|income)|\b\d+ ?% (a|per|every) (day|week|month)\b"
        r"|\bdouble your money\b",
        done=False,
    ),  # fmt: skip
    # --- official contacts about a scam, and what fake officials say ---------------------------------------------
    _p(
        OFFICIAL_CONTACT,
        _alt("银行", "柜台", "柜员", "网点", "行员", "邮局", "反诈中心", "反诈", "派出所", "民警", "警察", "社区", "网格员", "银行app",
             "支付宝", "微信支付")
        + "[^。!?！？]{0,40}?"
        + _alt("被骗", "诈骗", "骗局", "涉诈", "风险", "可疑", "不给转", "不让转", "不给办", "拒绝", "拦截", "拦下", "暂停", "止付",
               "冻结了", "不肯", "提示"),
        done=False,
    ),  # fmt: skip
    _p(OFFICIAL_CONTACT, _alt("转账", "交易", "汇款", "付款") + "(被|给)" + _alt("拦截", "拦下", "暂停", "冻结", "止付", "退回", "拒绝"),
       done=False),  # fmt: skip
    _p(
        OFFICIAL_CONTACT,
        r"\b(bank|banks|branch|counter|teller|cashier|staff|clerk|manager|fraud (team|department)|scams? team|security team|"
        r"police|officers?|constable|post office|western union|moneygram|app)\b" + _CLAUSE + r"{0,60}?\b"
        + _alt("scam", "scammed", "fraud", "fraudulent", "suspicious", "mule", "flagged", "declined", "rejected", "refused",
               "wouldn'?t (send|let|process|do)", "won'?t (send|let|process|do)", "would not (send|let|process|do)",
               "will not (send|let|process|do)", "did not let", "hold(?! account)", "held", "protect"),
        done=False,
    ),  # fmt: skip
    _p(OFFICIAL_CONTACT, r"\b(anti-?scam (centre|center|team|unit)|scamshield|adcc|anti-deception)\b", done=False),
    _p(
        IMPERSONATION_CUE,
        _alt("洗钱", "洗黑钱", "涉嫌", "嫌疑", "安全账户", "监管账户", "监管户口", "安全户口", "逮捕令", "通缉", "拘捕", "资金核查", "清查",
             "转给(一个)?(“)?警察", "转接(到|给)", "转到(公安|警察|派出所)", "转(咗|了)?(俾|给|到)" + _ZH_STOP + "{0,4}?(公安|警察|警方)",
             "健保", "医保卡被", "身份证被", "假身份证", "通缉令", "拉(你|我|佢)返(大陆|内地)")
        + r"|\b(money laundering|launder\w*|safe account|safety account|secure account|warrant|you are a suspect|"
        r"i am a suspect|my (id|identity|passport) (was|has been) used|transferred (me|the call) to (the )?police|"
        r"missed jury duty|jury duty|unpaid tax|back taxes|bailiffs?|holding account|suspense account|protected account|"
        r"(man|woman|guy|lady|someone|caller|person|technician|agent) from (microsoft|windows|apple support|tech support|amazon "
        r"security)|microsoft (support|technician|security))\b",
        done=False,
    ),  # fmt: skip
    _p(NEW_NUMBER, _alt("换号", "换了号", "新号码", "新的号码", "新号", "新的line", "新line", "新微信", "手机坏了", "手机丢了", "手机掉了",
                        "电话坏咗", "新电话")
       + r"|\b(new (number|phone|whatsapp)|lost my phone|phone (broke|is broken|got broken)|this is my new)\b", done=False),  # fmt: skip
    _p(ALARM_CLAIM, _alt("被黑", "被入侵", "中毒", "有病毒", "被盗用", "被冒用", "被人盗刷", "被盗刷", "异常登录", "被骇")
       + r"|\b(hacked|virus|infected|compromised|malware|suspicious (activity|login|transaction)|unauthori[sz]ed "
       r"(transaction|charge|purchase|order))\b", done=False),  # fmt: skip
    # Someone met online; a seller, buyer or landlord only on an online platform (a LINE dinner group, a
    # Venmo payment to the landlord or a Facebook account of one's own are not strangers).
    _p(ONLINE_STRANGER, _alt("网友", "专员", "助理", "网上认识", "网恋")
       + "|" + _ONLINE + r"[^。.!?！？\n]{0,30}?" + _TRADER + "|" + _TRADER + r"[^。.!?！？\n]{0,30}?" + _ONLINE
       + "|" + _ONLINE + r"[^。.!?！？\n]{0,12}?" + _alt("认识", "识嘅", "加我", "加了我", "加咗我", "私信", "私讯", "私聊", "聊天", "交友")
       + "|" + _alt("认识", "识嘅", "加我", "加了我", "加咗我", "私信我", "私讯我") + r"[^。.!?！？\n]{0,12}?" + _ONLINE
       + r"|\b(someone online|online friend|met online)\b|\b(added me|dm'?d me|messaged me|friend request|reached out|contacted me)\b"
       + r"[^.!?\n]{0,30}?" + _ONLINE + r"|\bmet (\w+ )?(on|through|via) (a |an |the )?"
       r"(\w+ ){0,3}?(app|game|site|online|internet|facebook|instagram|tiktok|whatsapp|telegram|wechat|tinder|hinge|bumble|"
       r"words with friends)\b", done=False),  # fmt: skip
    _p(WORRY, _alt("担心", "害怕", "好惊", "好惊惊", "唔放心", "不放心", "怀疑", "不对劲", "唔对路", "怪怪的", "系咪骗", "是不是骗",
                   "是不是诈骗", "是骗子吗", "是诈骗吗", "会不会是骗", "点算", "怎么办", "咋办")
       + r"|\b(worried|scared|afraid|suspicious|is (this|it|that) a scam|a scam\?|what (do|should) (i|we) do|"
       r"something('?s| is) (not right|wrong|off))\b", done=False),  # fmt: skip
    _p(INTIMATE_IMAGE, r"\b(nudes?|naked|intimate|explicit|sexual)\b" + _CLAUSE + r"{0,30}?\b(image|photo|pic|picture|video|"
       r"clip|recording)s?\b|" + _alt("裸照", "不雅照", "不雅视频", "私密照", "私密视频", "裸聊视频", "合成的裸", "p的裸"),
       done=False),  # fmt: skip
    _p(EDUCATIONAL, r"\b(scam|fraud) (awareness|prevention|talk|session|seminar|workshop)\b|\bhow (can|do|would|should) (i|you|we|one|they) "
       r"(tell|know|spot|check|recogni[sz]e)\b|\b(nothing (has )?happened|no one (has )?(called|contacted) me|want to be (ready|prepared))\b|"
       + _alt("怎么分辨", "怎么识别", "怎么辨别", "怎么判断", "如何分辨", "如何识别", "如何辨别", "如何判断", "点样分", "点样知", "点分辨", "没有人打给我",
              "什么都没发生", "没发生什么", "想了解"), done=False),  # fmt: skip
    _p(EDUCATIONAL, r"\b(a|the|gave a|went to a|attended a|at a) (talk|lecture|seminar|workshop|class)\b|\b(news|article|"
       r"documentary|podcast|leaflet|poster|campaign)\b|\bin the (paper|news)\b|"
       + _alt("宣传", "新闻", "报道", "文章", "课上", "防骗课", "传单", "海报", "普法", "讲防骗", "来讲", "反诈知识")
       # A talk or training about scams; a "health talk" or "investment training" is where scams are sold.
       + "|" + _alt("反诈", "防骗", "防诈", "反骗", "警方", "警察", "民警", "银行") + _ZH_STOP + "{0,6}?" + _alt("讲座", "培训"),
       done=False),  # fmt: skip
    _p(OWN_CHECK, "(登入|登录|登陆)(咗|了)?" + _ZH_STOP + "{0,4}?" + _alt("税务易", "官方", "官网", "政府", "gov", "个税", "电子税务"),
       done=False),  # fmt: skip
    _p(OWN_CHECK, r"\b(rang|called|phoned|call) (the number on the back of (my|the) card|(her|his|their|the) (old|usual|real|original) "
       r"(number|phone))\b" + _NO_ANSWER + r"|\bcalled (her|him|them) (back )?on (the|her|his|their) (old|usual|known) number\b" + _NO_ANSWER + "|"
       + "(打|拨|问)" + _ZH_STOP + "{0,4}?" + _alt("卡背面", "卡背后", "旧号码", "旧的号码", "原来的号码", "旧电话", "原来的电话", "旧门号", "原本的号码")
       + _NO_ANSWER, done=False),  # fmt: skip
    _p(OWN_CHECK, r"\b(typed|typing)( in)? (\w+\.)*\w+\.gov\b", done=False),
    _p(OWN_CHECK, r"\b(checked|logged in|logged into|looked|went|typed)\b" + _CLAUSE + r"{0,20}?\b(on|at|in|to|into)\b" + _CLAUSE
       + r"{0,12}?(official|\w+\.gov(\.\w+)?\b|gov\.uk|my\.gov|mygov)|" + _alt("自己打开", "自己登录", "自己登入", "自己查", "自己上")
       + "|" + _alt("(?<![现正])在", "上", "去", "用", "通过", "从", "打开", "喺", "登录", "登入", "查") + _ZH_STOP + "{0,6}?"
       + _alt("官网", "官方app", "官方网站"), done=False),  # fmt: skip
    # "Logged into myGov through the app", unless through a link someone sent.
    _p(OWN_CHECK, r"\b(logged|signed) ?(in|on)? ?(to|into) (my ?gov|my\.gov|\w+\.gov\S*|gov\.uk|singpass|the official)"
       r"(?![^.!?\n]{0,40}\b(link|text|sms|email|message)\b)", done=False),  # fmt: skip
    _p(ON_THE_LINE, r"\b(still|is|he'?s|she'?s|they'?re|are) (still )?on the (line|phone) with (me|her|him|us)\b|\b(holding|waiting|still) on the (other )?line\b|\bon the other line\b|\bwon'?t let me "
       r"hang up\b|" + _alt("还在通话", "电话还没挂", "没挂电话", "不让挂", "不可以挂", "不能挂", "唔俾收线", "仲未收线", "电话还没断", "还在线上",
                                          "还在电话上", "还在电话里", "仲喺电话度", "仲喺度讲紧电话"),
       done=False),  # fmt: skip
    _p(VANISHED, r"\b(never (came back|showed up|turned up|returned)|disappeared|vanished|blocked me|(has|have|had) blocked|"
       r"unfriended me|deleted (me|his account|her account|their account|the chat)|can'?t (reach|contact|get hold of|find) "
       r"(him|her|them|the seller|the company)|(number|phone|line) (doesn'?t|don'?t|does not|no longer) work|"
       r"(stopped|not) (answering|replying|responding) (to )?(me|my)|no longer (answers|replies|responds))\b|"
       + _alt("拉黑", "联系不上", "联系不到", "失联", "不回复我", "不回我", "删了我", "删除了我", "删咗我", "人间蒸发", "跑路", "找不到人",
              "空号", "搵唔到佢", "block咗我", "封咗我", "打唔通", "打不通", "搵唔到人", "联络不到", "联络不上", "封锁(了|咗)?(我|帐号|账号)",
              "把我封锁", "删除好友", "删了好友", "不理我了", "已读不回", "不回复了", "没人接", "冇人接", "门关了", "关门了", "人去楼空", "跑路了", "卷款", "(收|拿|攞)(了|咗)钱(就|便)?(不见|消失|跑)"),
       done=False),  # fmt: skip
    _p(
        SECRECY,
        "(不要|别|不许|不准|不能|唔好|冇话)" + _ZH_STOP + "{0,4}?(告诉|讲|话俾|同|跟|让)" + _ZH_STOP + "{0,4}?"
        + _alt("家人", "家里", "爸妈", "父母", "老公", "老婆", "子女", "儿子", "女儿", "任何人", "别人", "银行", "警察", "你妈", "我妈",
               "我爸", "你爸", "老豆", "阿妈")
        + "|(要|必须)保密|保密协议|单线联系",
        done=False,
    ),  # fmt: skip
    _p(SECRECY, r"\b(don'?t|do not|not to|never|must not|mustn'?t|cannot|can'?t|shouldn'?t|should not) (tell|say anything to|let) (anyone|your|his|her|my|the) ?"
       r"(parents|family|mum|mom|dad|wife|husband|kids|children|bank|police|know)?", done=False),  # fmt: skip
    _p(INSTALL_REQUESTED, _ZH_ASK + _ZH_STOP + "{0,10}?(下载|安装|装|下)" + _ZH_STOP + "{0,12}?" + _alt("app", "软件", "apk", "应用", "程序")
       + "|" + _ZH_ASK + _ZH_STOP + "{0,10}?(下载|安装|装|下)" + _ZH_STOP + "{0,4}?" + _REMOTE, done=False),  # fmt: skip
    # A link sent to download an app: "他给我发了个链接下载…app".
    _p(INSTALL_REQUESTED, "(发|给|传)(了|咗)?(我)?(个|一个|条|一条)?(下载)?(链接|网址|二维码)" + _ZH_STOP + "{0,6}?(下载|安装|装)"
       + r"|\b(sent|texted|gave) me (a|the) (link|qr code)\b" + _CLAUSE + r"{0,20}?\b(download|install)\b", done=False),  # fmt: skip
    _p(INSTALL_REQUESTED, r"\b(asked|asking|asks|wants|wanted|told|tells|had|got|must|need to|have to)\b" + _CLAUSE
       + r"{0,25}?\b(download|install)\b" + _CLAUSE + r"{0,30}?\b(app|apk|software|program)\b", done=False),  # fmt: skip
    _p(PAYMENT_REQUESTED, r"\b(he|she|they|it|someone|the (seller|owner|landlord|caller|agent|officer|lawyer))\b"
       + _CLAUSE + r"{0,10}?\b(wants|asked for|asking for|needs|requires|demands|demanded)\b\s+(the |a |my |an? )?"
       + _alt(r"\$", "£", "€", r"\d", "bond", "deposit", "fee", "payment", "money", "tax", "gift cards?"), done=False),  # fmt: skip
    _p(
        DID_IT,
        r"^\s*(我)?(已经|都)?" + _alt("发了", "给了", "说了", "填了", "转了", "装了", "付了", "做了", "照做了", "按了", "点了", "输了", "传了", "传咗",
                                    "发过去了", "俾咗佢", "send咗", "sent", "paid", "sent it already", "already sent",
                                    "发咗", "俾咗", "畀咗", "做咗", "入咗", "是的", "是", "对", "系", "系呀", "嗯", "yes", "yeah",
                                    "yep", "i did", "i have", "done", "sent it", "gave it", "i gave it", "did it", "already did")
        + r"[\s.!。！~🤦‍♀️🤦😭😢]*$",
        done=False,
    ),  # fmt: skip
    _p(DID_IT, "(^|[，,。.；;\\s])我(就|都|也|已经|马上)?(照做|装|下载|安装|发|转|给|填|输|按|点)(了|咗)(?![^，,。.！!？?]{0,6}(吗|嗎|么|没))",
       done=False),  # fmt: skip
    _p(DID_IT, r"\bi did (what|as|everything|exactly what) (he|she|they|the \w+) (said|told|asked|wanted)|\bi (did|followed) "
       r"(that|so|his instructions|her instructions|their instructions|the instructions)\b|\band i did( it)?\b(?!\s*(not|n'?t)\b)|"
       + "(照|按)(着)?(他|她|对方|佢|客服)?(的)?(说|讲|话|要求|指示)?(的)?(做|操作)(了|咗)|照做(了|咗)", done=False),  # fmt: skip
    _p(RECOVERY_OFFER, r"\b(they|he|she|who|this (guy|team|company|firm|hacker)) (got|recovered|retrieved) (my|her|his|their|our|all (my|her|his|their)) "
       r"(money|funds|crypto|btc|bitcoin|savings)( back)?\b", done=False),  # fmt: skip
    _p(RECOVERY_OFFER, r"\b(caught|arrested|found|tracked( down)?|traced|located) the (people|person|scammers?|gang|guys?|criminals?)"
       r" who (scammed|cheated|robbed|conned|defrauded|took my money|stole my money|took your money)", done=False),  # fmt: skip
    _p(RECOVERY_OFFER, "(抓到|抓住|找到|锁定)(了|咗)?" + _ZH_STOP + "{0,6}?(骗子|车手|嫌疑人|诈骗团伙|骗徒)" + "[^。!?！？]{0,20}?"
       + _alt("退", "发还", "追回", "返还", "拿回", "攞返"), done=False),  # fmt: skip
    _p(
        RECOVERY_OFFER,
        r"\b(fund|asset|crypto|money|scam) recovery\b|\b(scam|fraud|victims?'?) (refund|compensation)\b|"
        r"\brefund (centre|center|department|team|unit|office|division)\b|\brecovery "
        + _alt("unit", "team", "department", "centre", "center", "service", "agency", "firm", "company", "specialist", "expert"),
        done=False,
    ),
)


def scam_relevant(signals: list[str] | tuple[str, ...], everyday: bool, confidence: float) -> list[str]:
    """The signals that speak of a scam, given whether the model read the message as everyday life (with what
    confidence): "I paid the gas bill" keeps no money signal, "I gave him the code" keeps its own."""
    if everyday and confidence >= EVERYDAY_CONFIDENCE:
        return [signal for signal in signals if signal not in EVERYDAY_TOO]
    return list(signals)


_DONE_MARK = re.compile(r"^\w{1,2}?(了|咗|过|完|晒)")


def _undone(text: str, start: int) -> bool:
    """A negation, request or plan just before `start`: what follows did not happen (yet). A completion mark
    right after the verb wins ("他让我下载了" happened)."""
    if _DONE_MARK.match(text[start : start + 4]):
        return False
    before = text[max(0, start - 24) : start]
    return bool(_BEFORE_ZH.search(before) or _BEFORE_EN.search(before))


# An app installed from an official store, or the anti-fraud app itself, is not one a scammer pushed.
_OFFICIAL_APP = re.compile(
    r"反诈(中心)?(app|软件|应用)|anti-?fraud (centre |center )?app|防骗视伏|scameter|scamshield|守网者|"
    r"(?<![不没])(在|从|喺|from|in|on|through)\s*(the\s*)?\S{0,4}?(官方)?(应用商店|应用市场|app ?store|play ?store|google play)",
    re.IGNORECASE,
)


# ...unless it came through a link someone sent: a fake "anti-fraud app" is a scam of its own.
_PUSHED_LINK = re.compile(
    r"(他|她|对方|佢|客服|警察|民警|警官|\b(he|she|they|the caller|the officer|someone)\b)[^。.!?！？\n]{0,12}(发|给|传|send|sent|texted|"
    r"gave)[^。.!?！？\n]{0,10}(链接|网址|二维码|\blink\b|\bqr\b|\burl\b|apk)",
    re.IGNORECASE,
)


# Money returned with nothing asked ("法院判决后退回，不收任何费用"), or recovery offers as a topic ("an article on
# fund recovery scams"): not an offer made to this person.
_NO_FEE = re.compile(
    r"(不收|没收|冇收|没有收|没让我交|没要我交|没叫我交|没有让我交|没有要我交|冇叫我俾|冇要我俾|不用交|唔使俾)(任何|一分)?(费|钱|手续费)?|免费|"
    r"\b(no fees?|without (any )?(fees?|charges?)|free of charge|nothing was asked|didn'?t ask (me )?for (any )?(money|fees?))\b",
    re.IGNORECASE,
)
_RECOVERY_TOPIC = re.compile(r"\brecovery scams?\b|(追回|追款|追损)[^。!?！？]{0,10}(都是|是|就是)(骗|诈骗)", re.IGNORECASE)


# Money that came *in* ("the landlord refunded my deposit", "退给我了") is not money that went to a scammer.
_RECEIVED = re.compile(
    r"(退给我|退回给我|退咗俾我|还给我了|(?<![他她佢方])收到(了)?(款|钱|退款|押金)|到账了|入账了|给我转了|转给我了|转了给我|俾咗我|钱进来|"
    r"you have received|received (sgd|hkd|usd|aud|gbp|rmb|rm|\$|£)|refund(ed)? (arrived|came|was processed|went)|"
    r"(got|received) (my|the|a) (refund|deposit|money|payment)|(paid|refunded|sent) (me|us) back|refunded (me|my))",
    re.IGNORECASE,
)
_SENT_BY_ME = re.compile(
    r"((?<![给俾畀向])我[^，。,.!?！？]{0,6}?(转|汇|付|俾|畀)(了|咗|过去|出去)|\bi\s*(already|just)?\s*(sent|paid|transferred|wired))",
    re.IGNORECASE,
)
# A code typed into a payment the user started on a site or app they opened themselves, given to no one.
_OWN_PAYMENT = re.compile(r"(我)?自己(上|打开|开|登入|登录|去)|(typed|went to|opened|logged in)[^.!?]{0,40}\bmyself\b|"
                          r"\bmyself\b[^.!?]{0,30}(website|site|app)|\b(typed|entered|put) it in on (my|the) (new )?"
                          r"(laptop|computer|phone|tablet|pc)|\blogging (in|into) my\b", re.IGNORECASE)
_TO_SOMEONE = re.compile(r"(他|她|对方|佢|骗子|客服|\b(him|her|them|the caller|the guy|the agent)\b)", re.IGNORECASE)


# Someone asking in person ("坐在我旁边", "face to face") is not a stranger's request at a distance.
_IN_PERSON = re.compile(
    r"当面|坐在我旁边|在我旁边|就在旁边|在旁边|在身边|in person|face to face|sitting (right )?next to me|"
    r"\b(grandson|granddaughter|son|daughter|nephew|niece|brother|sister|cousin|friend|neighbou?r|dad|mum|mom)\b[^.!?\n]{0,20}?"
    r"\b(came|come|dropped|popped) (by|round|over|around|in)\b",
    re.IGNORECASE,
)


def money_came_in(normalised: str) -> bool:
    """The message is about money received ("the landlord refunded my deposit"), not money sent."""
    return bool(_RECEIVED.search(normalised)) and not _SENT_BY_ME.search(normalised)


def find_signals(normalised: str) -> list[str]:
    """The risk signals in a message (normalised with text_normalise.normalise): SIGNALS in their order, then the
    CONVERSATION_SIGNALS."""
    found: set[str] = set()
    for pattern in PATTERNS:
        if pattern.signal in found:
            continue
        for match in pattern.regex.finditer(normalised):
            if not pattern.done or not _undone(normalised, match.start()):
                found.add(pattern.signal)
                break
    if DID_IT in found:
        # "he asked me to tap my PIN into the phone... I did that": what was asked has gone.
        found |= {DONE_AS_ASKED[request] for request in found & REQUESTS}
    if _OFFICIAL_APP.search(normalised) and not _PUSHED_LINK.search(normalised):
        found -= {APP_INSTALLED, INSTALL_REQUESTED, CARD_DETAILS}
        found.add(OFFICIAL_APP)
    if RECOVERY_OFFER in found and (_NO_FEE.search(normalised) or _RECOVERY_TOPIC.search(normalised)):
        found.discard(RECOVERY_OFFER)  # money returned by the police free of charge, or an article about such offers
    if MONEY_SENT in found and money_came_in(normalised):
        found.discard(MONEY_SENT)
    if OWN_CHECK in found:
        found.discard(NEW_NUMBER)  # "换了新号码 ... 我打她旧号码问了": checked on the number they knew
        found -= REQUESTS  # a bill the user looked up themselves is theirs to pay, not a stranger's demand
    if _IN_PERSON.search(normalised):
        found -= REQUESTS | {CODE_SHARED}
        found.add(IN_PERSON)
    if _OWN_PAYMENT.search(normalised) and not _TO_SOMEONE.search(normalised):
        found -= {CODE_SHARED, CARD_DETAILS}
    return [signal for signal in (*SIGNALS, *CONVERSATION_SIGNALS) if signal in found]
