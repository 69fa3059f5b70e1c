"""The baseline a small team would write first: a hand-written keyword list per scam type, no learning.

It is a candidate of the pipeline benchmark (bench/nlu_pipelines.py), so the learned pipeline's figures can be
read against what plain keyword matching gets on the same held-out files.

Where the words came from: the scam-type definitions (nlu_data/README.md), the scam descriptions in
content/scams/*.yml (warnings, "how it works", checklist
signs and red-flag phrases) and the police case reports copied into content/sources/ (stock "lecturers" and WeChat
groups, "JD Finance" / "360 IOU" loan customer service and unfreezing fees, part-time billing, fake securities
and China Mobile staff, "beauty chat" and gambling). They were written down once from those texts, in Chinese
and English, and NOT chosen or tuned on any labelled messages: neither held-out file (tests/data/heldout*.yml)
nor the training data (nlu_data/) was read to pick or drop a word. Its mistakes are the point of a baseline.

How it decides: case-insensitive substring matching after NFKC normalisation (full-width -> ASCII) and curly
apostrophes made straight; no Traditional -> Simplified conversion. The scam type with the most keyword hits
wins; ties go to the type listed first in SCAM_TYPES (other_scam, the catch-all, last); no hit at all is `none`.
Money: "not yet / about to pay" phrases are cut out of the text first (so "haven't sent him" is not read as
"sent him"); then any "already paid" phrase left means True, else any "not yet" phrase means False, else None.

Pure Python, no dependencies beyond common.labels (itself pure Python): it runs in both environments.
"""

from __future__ import annotations

import unicodedata

from common.labels import NONE, SCAM_TYPES

# fmt: off
KEYWORDS: dict[str, tuple[str, ...]] = {
    "stock_lecturer": (
        # zh: free stock lessons, the group and its "lecturers", the fake trading app, the pitch, pay to withdraw
        "股票", "炒股", "荐股", "牛股", "股市", "证券", "分析师", "研究员", "讲师", "直播讲课",
        "群友", "晒收益", "收益截图", "老师推荐", "带单", "炒币", "虚拟币", "投资", "内幕消息", "内部消息",
        "稳赚不赔", "庄家", "韭菜", "翻倍", "涨停", "暴跌", "爆仓", "所得税", "雷霆行动",
        # en
        "stock", "buy shares", "share price", "securities", "analyst", "researcher", "lecturer", "trading app",
        "invest", "crypto", "virtual currency", "profit screenshot", "inside information", "insider",
        "guaranteed return", "guaranteed profit", "big players", "leeks", "double your money", "income tax",
    ),
    "loan_unfreeze_fee": (
        # zh: the loan offer, the "frozen" money, the fees before the loan arrives
        "贷款", "借款", "网贷", "放款", "下款", "额度", "借条", "京东金融", "无抵押", "低息", "秒到账",
        "解冻", "冻结", "会员费", "保证金", "流水", "卡号填错", "卡号错误", "操作超时",
        "信用不够", "还款能力", "利息",
        # en
        "loan", "lender", "lending", "borrow", "credit limit", "360 iou", "jd finance", "no collateral", "no mortgage",
        "low interest", "interest rate", "unfreeze", "unfreezing", "frozen", "membership fee", "bank flow",
        "brush flow", "wrong card number", "timed out", "repayment",
    ),
    "dating_recharge": (
        # zh: the online romance, the recharge and gifts, sexy content, gambling sites
        "网恋", "交友", "婚恋", "相亲", "女朋友", "男朋友", "美女", "聊手", "谈恋爱", "谈婚论嫁", "没见过面",
        "不肯见面", "刷礼物", "虚拟礼物", "充值", "解锁", "私密", "性感", "裸聊", "直播间", "主播", "打榜",
        "冲榜", "赌博", "博彩", "下注", "百家乐", "彩票", "稳赢", "必赢",
        # en
        "dating app", "dating site", "online dating", "girlfriend", "boyfriend", "romance", "in love", "sweetheart",
        "marry me", "marriage", "never met", "won't meet", "virtual gift", "gifts", "recharge", "unlock",
        "private photo", "sexy", "naked", "beauty chat", "streamer", "gambling", "betting", "casino",
        "baccarat", "lottery",
    ),
    "fake_customer_service": (
        # zh: refunds and compensation, the order details they know, membership / student loan to cancel,
        # screen sharing and SMS codes
        "客服", "退款", "理赔", "赔偿", "双倍", "快递", "包裹", "订单", "质量问题", "注销", "学生贷", "校园贷",
        "误开通", "扣费", "自动续费", "征信", "屏幕共享", "共享屏幕", "会议软件", "验证码",
        # en
        "customer service", "refund", "compensation", "compensate", "parcel", "courier", "order number",
        "quality problem", "cancel the membership", "cancel my account", "cancel your account", "student loan",
        "campus loan", "auto-renew", "charged every month", "credit record", "share my screen", "screen sharing",
        "meeting app", "verification code", "sms code",
    ),
    "part_time_brushing": (
        # zh: the part-time ad, small tasks and commission, paying in first, blocked withdrawals
        "刷单", "兼职", "点赞", "任务", "佣金", "返利", "返佣", "垫付", "垫钱", "联单", "卡单",
        "补单", "日赚", "日结", "动动手指", "在家赚钱", "接待员", "派单", "本金",
        # en
        "part-time", "part time", "brushing", "brush order", "like videos", "liking videos",
        "like posts", "task", "commission", "rebate", "advance money", "advance payment", "prepay", "combo order",
        "merchant", "from home", "daily pay", "receptionist",
    ),
    "impersonation_official": (
        # zh: police / prosecutor / court, the "case", the safe account, secrecy and isolation
        "公安", "警察", "警官", "检察院", "检察官", "法院", "法官", "公检法", "洗钱", "涉嫌", "犯罪", "案件",
        "通缉", "逮捕", "拘捕", "安全账户", "资金核查", "清查", "保密", "单线联系", "宾馆", "酒店开房", "警服",
        "医保", "社保", "转接", "取保候审",
        # en
        "police", "officer", "prosecutor", "procuratorate", "court", "judge", "laundering",
        "crime", "criminal", "arrest", "wanted notice", "safe account", "safety account",
        "fund checking", "asset verification", "keep it secret", "confidential", "hotel", "uniform",
        "medical insurance", "social security",
    ),
    "recovery_scam": (
        # zh: someone offers to get lost money back, for a fee, card details or remote access (scams/recovery_scam.yml)
        "追回", "追损", "挽回损失", "挽损", "帮您追回", "帮你追回", "追款", "律师团队", "黑客", "维权", "退赔", "追讨",
        "受害者群", "发还",
        # en
        "recover your money", "recover my money", "recovery", "get your money back", "get my money back", "lawyer",
        "hacker", "recovery fee", "fund recovery", "retainer", "reclaim",
    ),
    "sextortion": (
        # zh: an intimate video chat recorded, then threats to send it to contacts (scams/sextortion.yml)
        "敲诈", "勒索", "威胁", "录屏", "录了视频", "通讯录", "曝光", "不雅视频", "裸照", "视频裸聊", "发给你的亲友",
        # en
        "blackmail", "sextortion", "nude", "intimate video", "explicit video", "send the video", "your contacts",
        "expose you", "leak the video",
    ),
    "impersonation_acquaintance": (
        # zh: a fake boss, colleague, relative or friend with a new account, urgent money, "don't tell anyone"
        "领导", "老板", "熟人", "新号", "换了号", "换号", "头像", "借钱", "急用钱", "出事了", "手术费", "住院费",
        "保释", "私了", "先转给你", "帮我转", "别告诉", "猜猜我是谁", "班主任", "资料费",
        # en
        "boss", "manager", "new number", "new phone", "profile picture", "hi mum", "hi mom", "hi dad", "grandson",
        "granddaughter", "bail", "hospital deposit", "surgery", "don't tell", "guess who",
    ),
    "phishing": (
        # zh: a text from a "bank", courier, toll road or platform with a link or a code to share
        "链接", "短信", "点击", "认证", "失效", "积分", "兑换", "过期", "etc", "快递", "包裹", "地址不详", "补填",
        "验证码", "登录", "账户异常", "账户冻结", "退税", "网址",
        # en
        "link", "click", "verify", "verification code", "one-time code", "otp", "parcel", "package", "delivery",
        "redelivery", "toll", "tax refund", "account locked", "account suspended", "log in", "reward points",
        "expire", "update your details",
    ),
    "remote_access": (
        # zh: remote control and screen sharing to "help"
        "远程", "屏幕共享", "共享屏幕", "向日葵", "todesk", "anydesk", "teamviewer", "会议软件", "病毒", "中毒",
        "被黑", "技术支持",
        # en
        "remote", "screen share", "share your screen", "screen sharing", "anydesk", "teamviewer", "virus",
        "hacked", "tech support", "technical support", "microsoft", "apple support", "your computer",
    ),
    "fake_credit_repair": (
        # zh: a damaged credit record, cancelling a "student loan account", cleaning up overdue records
        "征信", "信用记录", "逾期记录", "学生账户", "注销", "校园贷", "消除逾期", "修复", "信用分", "影响征信",
        # en
        "credit record", "credit report", "credit score", "credit repair", "debt relief", "student loan account",
        "clean your credit", "remove the record", "lower your interest", "credit card interest",
    ),
    "fake_trade": (
        # zh: second-hand and game-item trades, cheap goods, a "trading platform" that freezes the money
        "游戏", "装备", "账号", "皮肤", "代练", "闲鱼", "二手", "交易平台", "卖家", "买家", "定金", "低价", "门票",
        "发货", "保证金", "交易冻结",
        # en
        "game", "game account", "skins", "seller", "buyer", "second-hand", "marketplace", "carousell", "deposit",
        "tickets", "concert", "shipping", "cheap", "trading platform", "didn't arrive", "never arrived",
    ),
    "other_scam": (
        # zh: fake transfer screenshots, prizes, lucky draws, fees to claim them
        "冒充", "转账截图", "延迟到账", "中奖", "大奖", "抽中", "幸运", "领奖", "公证费", "手续费", "收款码", "二维码",
        # en
        "pretending to be", "urgent", "transfer screenshot", "pass it on", "prize", "you won", "you have won",
        "i won", "lucky draw", "notarization", "processing fee", "qr code",
    ),
}
# fmt: on

# Chinese phrases are built from prefixes and money verbs (转 transfer, 交 pay a fee, 付 pay, 汇 remit,
# 充 top up, 投 invest, 打钱 send money).
_ZH_VERBS = ("转", "交", "付", "汇", "充", "投", "打钱")

# Money or codes have already gone.
PAID_PHRASES: tuple[str, ...] = (
    *(f"已经{v}" for v in _ZH_VERBS),
    *(f"已{v}" for v in _ZH_VERBS),
    *(f"{v}了" for v in _ZH_VERBS),
    "转过去", "打过去", "汇过去", "转账了", "转给他", "转给她", "转给对方", "被转走", "报了验证码", "念了验证码",
    "i paid", "i've paid", "i have paid", "already paid", "paid him", "paid her", "paid them",
    "i transferred", "i've transferred", "i have transferred", "already transferred",
    "i sent", "i've sent", "i have sent", "already sent", "sent him", "sent her", "sent them",
    "i topped up", "i deposited", "i invested", "i put in", "i wired", "i gave him", "i gave her", "i gave them",
    "gave them the code", "gave him the code", "read out the code", "told him the code",
)  # fmt: skip

# The message says the money has not gone yet, including "about to pay".
NOT_YET_PHRASES: tuple[str, ...] = (
    *(f"{p}{v}" for p in ("还没", "没有", "没", "准备", "打算", "要不要", "该不该", "正要", "马上") for v in _ZH_VERBS),
    "haven't paid", "have not paid", "not paid yet", "didn't pay", "did not pay",
    "haven't sent", "have not sent", "didn't send", "did not send",
    "haven't transferred", "have not transferred", "didn't transfer", "did not transfer", "not yet",
    "about to pay", "about to send", "about to transfer", "going to pay", "going to send", "going to transfer",
    "should i pay", "should i send", "should i transfer", "before i pay", "before i send", "before i transfer",
)  # fmt: skip


def _normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", text).replace("\u2019", "'").replace("\u2018", "'").lower()


def money_sent(text: str) -> bool | None:
    """True (already paid), False (not yet / about to pay) or None (not said)."""
    text = _normalise(text)
    not_yet = [phrase for phrase in NOT_YET_PHRASES if phrase in text]
    # Longest first, so "还没转" goes as a whole rather than leaving "还" behind "没转".
    for phrase in sorted(not_yet, key=len, reverse=True):
        text = text.replace(phrase, " | ")
    if any(phrase in text for phrase in PAID_PHRASES):
        return True
    return False if not_yet else None


def keyword_hits(text: str) -> dict[str, int]:
    """Number of each scam type's keywords found in the text (every type present, zeros included)."""
    text = _normalise(text)
    return {scam_type: sum(1 for word in KEYWORDS[scam_type] if word in text) for scam_type in SCAM_TYPES}


def classify(text: str) -> dict:
    """Same shape as the benchmark's Rasa predictions: scam_type, confidence, money_sent.

    confidence is the winning type's share of all keyword hits (1.0 when only one type matched); 0.0 for
    `none`, which is the absence of evidence, not a finding.
    """
    hits = keyword_hits(text)
    total = sum(hits.values())
    if not total:
        return {"scam_type": NONE, "confidence": 0.0, "money_sent": money_sent(text)}
    # max() keeps the first of equal counts, and hits is in SCAM_TYPES order: that is the tie order.
    scam_type = max(hits, key=hits.__getitem__)
    return {"scam_type": scam_type, "confidence": round(hits[scam_type] / total, 4), "money_sent": money_sent(text)}
