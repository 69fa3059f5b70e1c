"""Word lists and regex fragments shared by the pattern modules: amounts, ways to pay, codes, card details,
remote-access apps, online platforms, plans and requests."""

from __future__ import annotations

from common.risk_signals.pattern import _alt

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
