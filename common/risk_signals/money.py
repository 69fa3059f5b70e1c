"""Patterns for money: what has already gone (sent, paid, lost, cannot be withdrawn) and what is about to go
(on the way to the bank, "should I pay?"). patterns.py sets the order they are tried in.
"""

from __future__ import annotations

from common.risk_signals.names import ABOUT_TO_PAY, MONEY_SENT
from common.risk_signals.pattern import Pattern, _alt, _p
from common.risk_signals.vocabulary import (
    _CLAUSE,
    _EN_MONEY,
    _EN_WHO,
    _NUM,
    _PLAN,
    _ZH_MONEY,
    _ZH_PAY,
    _ZH_STOP,
    _ZH_UNIT,
)

# Tried first.
MONEY_GONE: tuple[Pattern, ...] = (
    # --- money has gone ---------------------------------------------------------------------------------
    _p(MONEY_SENT, _ZH_PAY + _alt("了", "咗", "完", "过了", "过咗") + _ZH_STOP + "{0,8}?" + _ZH_MONEY),
    # Chat style without a subject: "sent them 28,500 across 6 tasks", "paid 3k activation fee", "Sent 2 BTC".
    _p(MONEY_SENT, r"(^|[.!?;,]\s*|\band\s+)(already\s+|just\s+)?(sent|paid|transferred|wired|donated|deposited|invested|topped up)"
       r"\s+((them|him|her|it)\s+)?(about\s+|around\s+|over\s+)?(\$|£|€|¥|rmb\s*|hk\$|s\$)?\d"),
    _p(MONEY_SENT, "(被|给|让)?" + _alt("转走", "划走", "扣走", "骗走", "卷走") + "(了|咗)"),
    # Found out afterwards: "saw PayNow transfers on his phone", "sold his car to send her money".
    _p(MONEY_SENT, r"\b(saw|found|noticed|spotted|seen)\b" + _CLAUSE + r"{0,30}?\b(transfers|payments|withdrawals|wires)\b"
       + r"|\bsold (his|her|my|their|our) (car|house|flat|home|shares|jewell?ery|gold)\b" + _CLAUSE + r"{0,20}?\bto (send|pay|give)\b"),
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
        + r"\b(?! (me|you|us|him|her|them|nothing|none|no)\b)",
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
)

# Tried after access.DEVICE_CONTROL_PATTERNS.
ABOUT_TO_PAY_PATTERNS: tuple[Pattern, ...] = (
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
)
