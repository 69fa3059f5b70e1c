"""What qualifies a match: a negation, request or plan just before a "done" pattern undoes it, and
message-wide patterns (an official app, a link someone pushed, no fee asked, money that came in, an own
payment, someone asking in person) that add or drop signals after matching."""

from __future__ import annotations

import re

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
_DONE_MARK = re.compile(r"^\w{1,2}?(了|咗|过|完|晒)")
# "马上要转了", "快要充五千了", "准备转了": 要 ... 了 after "about to" is the plan, not the deed, so the 了 does not
# make it done. A bare 要 is left alone ("他要我转了" happened).
_ABOUT_TO_ZH = re.compile(r"((马上|快|就|正|这就|现在就)要|准备|打算)(?!我)[^，。,.!?！？了]{0,12}$")

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
# "Haven't paid yet", "还没转", "I paid nothing": the writer says plainly that no money has gone.
_NOT_PAID = re.compile(
    r"\b(haven'?t|havent|have not|hasn'?t|has not|didn'?t|did not|not)\s+(yet\s+)?(paid|sent|transferred|wired|topped up)\b"
    r"(?!\s+(attention|much|enough))|\b(paid|sent) nothing\b|\bnot (a penny|a cent|a dollar|anything) (yet|sent|paid)\b|"
    r"还(没|未|冇)(有)?(转|付|交|充|汇|打款|过数|俾钱|给钱)|(我|俺|佢|他|她)(还|都)?(没|冇|未)(有)?(转|付|交|充|汇|过数|给钱|俾钱)|"
    r"(拦住了|拦下了|一分(钱)?(都|也)?(没|冇))",
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
