"""Conversation patterns for the context around a message: an official contact, what fake officials say, a new
number, an alarm claim, a stranger online, worry, an intimate image, learning about scams, an own check, a
caller still on the line, the other side gone quiet, secrecy. patterns.py sets the order.
"""

from __future__ import annotations

from common.risk_signals.names import (
    ALARM_CLAIM,
    EDUCATIONAL,
    IMPERSONATION_CUE,
    INTIMATE_IMAGE,
    NEW_NUMBER,
    OFFICIAL_CONTACT,
    ON_THE_LINE,
    ONLINE_STRANGER,
    OWN_CHECK,
    SECRECY,
    VANISHED,
    WORRY,
)
from common.risk_signals.pattern import Pattern, _alt, _p
from common.risk_signals.vocabulary import _CLAUSE, _NO_ANSWER, _ONLINE, _TRADER, _ZH_STOP

# Tried after asked.REQUESTED.
CONTEXT: tuple[Pattern, ...] = (
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
)
