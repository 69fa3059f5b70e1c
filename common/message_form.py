"""Whether a message is (or quotes) the scammer's own text rather than the user's account of what happened.

People paste or forward what they were sent: an SMS with its 【sender】 tag, "Hi Mum, this is my new number",
"Dear customer, your parcel...", a call script. The reply to such a message says "this message is a ... scam"
instead of "this looks like". Telegram marks real forwards itself (the bot passes that on); this module reads
pasted text by its form, over the normalised text (common/text_normalise.py: Simplified Chinese, lower case,
ASCII width). It only changes how the reply is framed, never what the person is told to do, so a wrong guess
costs a word, not safety.
"""

from __future__ import annotations

import re

# An SMS sender tag at the start or the end: 【顺丰速运】, [hsbc].
_SENDER_TAG = re.compile(r"^\s*[【\[][^】\]\n]{2,16}[】\]]|[【\[][^】\]\n]{2,16}[】\]]\s*$")

# How scammers' messages open: addressing the reader, or introducing themselves as an organisation or a relative.
_OPENING = re.compile(
    r"^\s*[\"“'‘]?\s*(?:"
    r"尊敬的|亲爱的(?:用户|客户|会员|家长|顾客)|温馨提示|重要通知|紧急通知|最后通知|"
    r"(?:您好|你好)[,，!！ ]*(?:这里是|我们是|我是[^,，。]{0,12}(?:客服|专员|经理|工作人员|警官|民警|老师|快递|银行)|"
    r"您的|你的|本行|我司)|"
    r"(?:爸|妈|爷爷|奶奶|外婆|姥姥)[,，!！ ]*(?:是我|我是|我的手机|我手机|我换|我出事|我在)|"
    r"我是你(?:领导|老板|老同学|同学|朋友|大舅|舅舅|表哥|侄子|外甥|孙子|儿子)|猜猜我是谁|"
    r"(?:hi|hello|hey)[, ]+(?:mum|mom|mam|mummy|mommy|dad|grandma|grandpa|nan|nana)\b|"
    r"dear (?:customer|user|client|member|valued|sir|madam|parent|account holder)|"
    r"(?:hi|hello)[,!]? this is [a-z .']{2,30} (?:from|calling|at)\b|this is [a-z .']{2,30} calling\b|"
    r"(?:urgent|final|important|last) (?:notice|reminder|warning)|"
    r"your (?:account|parcel|package|card|order|payment|apple id|delivery|subscription|bank|computer|device)\b|"
    r"we (?:have )?(?:detected|noticed|were unable|could not)|this is an automated|"
    r"(?:usps|royal mail|dhl|fedex|ups|auspost|amazon|paypal|netflix|hmrc|irs|ato)\s*[:\-]"
    r")"
)

# The user says they are quoting what they received: "收到一条短信：", "got this text:", "the message says".
_QUOTE_INTRO = re.compile(
    r"(?:收到|接到|发来|发给我|转来)了?(?:一条|一个|条|个|这条|这个)?(?:短信|信息|消息|邮件|微信|私信)[^。!?！？]{0,12}[:：]|"
    r"(?:短信|信息|消息|邮件)(?:内容)?(?:是|说|写着)[:：]|"
    r"(?:got|received|sent me|getting) (?:this|a|an|the following) "
    r"(?:text|message|sms|email|whatsapp)[^.!?]{0,30}[:\-]|"
    r"(?:text|message|sms|email) (?:says|said|reads|read)\s*[:\"“]"
)

# Unsubscribe lines only bulk senders add.
_UNSUBSCRIBE = re.compile(r"回?t退订|拒收请回复|退订回t|reply stop|txt stop|text stop|to opt out")

# A link, and the reader addressed as "you" while the message does not start from the user's own "I".
_LINK = re.compile(r"https?://|www\.|\b[a-z0-9-]+\.(?:cn|com|cc|top|xyz|vip|link|info|net|co|me|app)/[^\s]*")
_YOU = re.compile(r"您|你的|\byour\b")
_OWN_ACCOUNT_START = re.compile(r"^\s*(?:我|i\b|i'm|my\b|me\b|someone|somebody|a man|a woman|有人|有个)")


def is_scammer_text(normalised: str) -> bool:
    """The message is, or quotes, what a scammer sent (judged by its form; see the module docstring)."""
    if _SENDER_TAG.search(normalised) or _OPENING.search(normalised):
        return True
    if _QUOTE_INTRO.search(normalised) or _UNSUBSCRIBE.search(normalised):
        return True
    return bool(_LINK.search(normalised) and _YOU.search(normalised) and not _OWN_ACCOUNT_START.search(normalised))
