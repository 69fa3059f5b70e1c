"""Patterns for what lets a scammer take the money: a code, card details or a password given, an account taken
over, and control of the phone or computer (remote access, an app installed). patterns.py sets the order.
"""

from __future__ import annotations

from common.risk_signals.names import APP_INSTALLED, CARD_DETAILS, CODE_SHARED, REMOTE_ACCESS
from common.risk_signals.pattern import Pattern, _alt, _p
from common.risk_signals.vocabulary import (
    _CLAUSE,
    _EN_CARD,
    _EN_CODE,
    _EN_DEVICE,
    _EN_SUBJECT,
    _EN_WHO,
    _REMOTE,
    _ZH_CARD,
    _ZH_CODE,
    _ZH_STOP,
)

# Tried after money.MONEY_GONE.
CODES_AND_CARDS: tuple[Pattern, ...] = (
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
        _alt("输入", "输了", "输", "填", "填了", "填写", "填咗", "入咗", "入", "告诉", "给了", "发给", "发了", "发咗", "提供", "打了", "打咗",
             "读", "念", "报", "讲", "话俾")
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
)

# Tried after CODES_AND_CARDS.
DEVICE_CONTROL_PATTERNS: tuple[Pattern, ...] = (
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
)
