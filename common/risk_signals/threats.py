"""Patterns for threats, genuine warnings (police, the bank, an anti-fraud centre) and offers to "recover" lost
money. patterns.py sets the order they are tried in.
"""

from __future__ import annotations

from common.risk_signals.names import OFFICIAL_WARNING, RECOVERY_OFFER, STATION_VISIT, THREAT
from common.risk_signals.pattern import Pattern, _alt, _p
from common.risk_signals.vocabulary import _CLAUSE, _ZH_STOP

# Tried after money.ABOUT_TO_PAY_PATTERNS.
THREATS: tuple[Pattern, ...] = (
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
)

# Tried after THREATS.
OFFICIAL_WARNINGS: tuple[Pattern, ...] = (
    # --- genuine warnings --------------------------------------------------------------------------------
    _p(OFFICIAL_WARNING, r"(96110|12381|18222)", done=False),
    _p(
        OFFICIAL_WARNING,
        _alt("民警", "警察", "警员", "警官", "派出所", "公安", "差人", "阿sir", "社区", "反诈中心") + _ZH_STOP + "{0,8}?"
        + _alt("上门", "来家", "来到", "到我家", "来我家", "跑我家", "我家来", "跑来", "打电话", "打来", "来电", "找我", "劝", "提醒", "拦",
               "上咗嚟", "上嚟", "嚟咗", "嚟我屋企", "到我屋企")
        + "[^。!?！？]{0,50}?"
        + _alt("劝", "提醒", "被骗", "骗局", "诈骗", "涉诈", "不让", "阻止", "拦", "别转", "不要转", "止付", "风险", "卸载", "可疑",
               "傀儡", "被人利用", "俾人呃", "被人呃", "呃咗", "唔好转", "唔好过数"),
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
)

# Tried after OFFICIAL_WARNINGS.
RECOVERY_OFFERS: tuple[Pattern, ...] = (
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
)

# "They got my money back", "the fund recovery team": tried last of all, after asked.REQUESTED_AND_DONE.
RECOVERY_CLAIMS: tuple[Pattern, ...] = (
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
