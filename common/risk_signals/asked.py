"""Conversation patterns for requests and their carrying out: someone asked for a code, for money or for an app
to be installed; a short "done" ("发了", "I did"); returns promised. patterns.py sets the order.
"""

from __future__ import annotations

from common.risk_signals.names import CODE_REQUESTED, DID_IT, INSTALL_REQUESTED, PAYMENT_REQUESTED, RETURNS_PROMISED
from common.risk_signals.pattern import Pattern, _alt, _p
from common.risk_signals.vocabulary import (
    _CLAUSE,
    _EN_CODE,
    _EN_MONEY,
    _NUM,
    _REMOTE,
    _ZH_ASK,
    _ZH_CARD,
    _ZH_CODE,
    _ZH_STOP,
)

# Tried after threats.RECOVERY_OFFERS.
REQUESTED: tuple[Pattern, ...] = (
    # --- asked for a code or for money; "done" -----------------------------------------------------------------
    _p(CODE_REQUESTED, _ZH_ASK + _ZH_STOP + "{0,12}?" + _alt(_ZH_CODE, _ZH_CARD), done=False),
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
)

# Tried after context.CONTEXT.
REQUESTED_AND_DONE: tuple[Pattern, ...] = (
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
)
