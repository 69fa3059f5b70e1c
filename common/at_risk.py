"""Whether a message is about someone else at risk, said plainly: it opens with the person ("我妈…", "my dad
…", "外公被拉进…") or says whom it is written for ("writing for my dad", "我帮我阿嬷打字").

The at-risk classifier (rasa_addons/nlu/at_risk.py) learns this from annotated examples; this pattern catches
the plain openings the examples may not cover. A relative who is only the *voice* of a scam ("my grandson
called me crying", "我儿子发消息给我借钱") is not the person at risk: the writer is.
"""

from __future__ import annotations

import re

_KIN_ZH = (
    "妈", "妈妈", "老妈", "阿妈", "爸", "爸爸", "老爸", "阿爸", "父亲", "母亲", "奶奶", "爷爷", "外婆", "外公", "姥姥", "姥爷", "阿嬷",
    "阿公", "婆婆", "公公", "岳母", "岳父", "丈母娘", "老公", "老婆", "太太", "先生", "儿子", "女儿", "哥", "哥哥", "姐", "姐姐", "弟",
    "弟弟", "妹", "妹妹", "舅舅", "舅妈", "姑姑", "姑妈", "阿姨", "姨妈", "叔叔", "伯伯", "婶婶", "朋友", "同事", "邻居", "老豆", "老母",
    "阿婆", "阿爷", "家婆", "细佬", "家姐", "老人", "家人", "亲戚", "老头子", "老伴", "老头", "表弟", "表哥", "表姐", "表妹",
    "堂弟", "堂哥", "堂姐", "堂妹", "室友", "舍友", "孙子", "孙女", "外孙", "侄子", "侄女", "外甥", "外甥女",
)  # fmt: skip
_KIN_EN = (
    "mum", "mom", "mother", "dad", "father", "grandma", "grandmother", "grandpa", "grandfather", "gran", "nan", "nana",
    "granny", "grandparents", "parents", "husband", "wife", "partner", "son", "daughter", "brother", "sister", "aunt",
    "auntie", "uncle", "friend", "neighbour", "neighbor", "ah ma", "ah mah", "ah gong", "ah kong", "popo", "po po", "lola", "lolo", "colleague", "roommate", "flatmate", "housemate", "father-in-law", "mother-in-law", "in-laws", "father in law",
    "mother in law",
)  # fmt: skip
_ZH_KIN = "(" + "|".join(sorted(_KIN_ZH, key=len, reverse=True)) + ")"
_EN_KIN = r"(" + "|".join(re.escape(k) for k in sorted(_KIN_EN, key=len, reverse=True)) + r")"
# The relative only brought the scam to the writer: they called, texted or asked the writer.
_VOICE_ZH = (
    "(打电话给我|给我打电话|打给我|打来|打嚟|找我|问我|跟我说|同我讲|跟我借|向我借|发消息给我|发信息给我|发微信给我|微信我|whatsapp我|"
    "叫我|让我|要我|请我|叫你|让你|打俾我|打畀我|电话俾我|话想借|想借|介绍我|推荐我|拉我|教我|传讯息|传信息|发讯息|传消息|给我转|转给我|转了给我|打钱给我|给我打钱|俾钱我)"
)
_VOICE_EN = (
    r"(called me|rang me|phoned me|texted me|messaged me|emailed me|asked me|wants me|needs me|contacted me|told me to|"
    r"told me)"
)

# A pasted message that addresses the reader ("阿嬷，我是阿豪", "Mum it's me"): the reader is the one targeted.
_NOT_ADDRESSED_ZH = r"(?![\s,，:：!！]*(我是|是我|系我|我系))"
# What the person at risk did or had done to them, after "my mum...": "is buying a house with my help" is not it.
_VICTIM_EN = (
    r"(got|gets|has|had|have|was|is being|keeps|kept|sent|paid|transferred|wired|received|met|believes|won'?t|can'?t|"
    r"lost|gave|bought|buys|installed|called|texted|told|tells|says|said|is on|has been|just|thinks|invested|wants|is talking|"
    r"joined|signed up|started|is in|fell for|trusts|is going|is about|is planning|plans|is sending|is buying gift|"
    r"is deep|is hooked|is convinced|is obsessed|is chatting|is dating|is seeing|is being scammed|is besotted)"
)
_OPENING = re.compile(
    r"^\W*(急[!！]*|help[!:]*|urgent[!:]*)?\s*(我(的)?|我家|俺|阿)?" + _ZH_KIN + r"(?!圈)(?!" + r"[^。.!?！？]{0,16}" + _VOICE_ZH + ")"
    + _NOT_ADDRESSED_ZH
    + r"|^\W*(urgent[!:]*\s*|help[!:]*\s*)?(my|our)\s+(elderly\s+|old\s+|older\s+|elder\s+|younger\s+|little\s+|big\s+|baby\s+|eldest\s+|youngest\s+|\d+\s*(yo|year old)\s+)?" + _EN_KIN + r"\b(?!"
    + r"[^.!?]{0,15}" + _VOICE_EN + ")" + r"(?=[^.!?]{0,40}\b" + _VICTIM_EN + r"\b)"
    r"|^\W*" + _EN_KIN + r"\b(?=\s+(just|has|is|keeps|got|says|said|wants|sent|paid|transferred|won'?t|can'?t|'s|is)|'s\b)",
    re.IGNORECASE,
)
# ...unless what they called about is someone else who got at them: "my mum just called me, someone from
# 'Telstra' got her to install an app".
_TOLD_OF_THIRD_PARTY = re.compile(
    r"^\W*(我(的)?|我家)?" + _ZH_KIN + r"[^。.!?！？]{0,16}" + _VOICE_ZH + r"[^。.!?！？]{0,20}(有人|对方|一个人|骗子|一个男|一个女|自称)"
    r"|^\W*(my|our)\s+(\w+\s+)?" + _EN_KIN + r"\b[^.!?]{0,20}" + _VOICE_EN + r".{0,50}?\b(someone|a man|a woman|a guy|a caller|"
    r"scammers?|they|a lady|a detective|an officer|a policeman|the police|a 'police|a \"police|(she|he) (says|said) (a|an|the|someone)|"
    r"(she|he)('s| is) (driving|going|heading|on (her|his) way|at the bank|withdrawing|about to|sending|buying|in a taxi))\b",
    re.IGNORECASE,
)
_FOR_SOMEONE = re.compile(
    r"(writing|asking|typing|messaging|here) (this )?(for|on behalf of) (my|our) " + _EN_KIN
    + r"|(帮|替|代)(我)?" + _ZH_KIN + "(问|打(的)?字|写|发|咨询)",
    re.IGNORECASE,
)


# A relative named anywhere, who was cheated or has paid: "我在布里斯班，我妈在国内被人骗走了15万", "my mum ... she
# already sent it".
_KIN_CHEATED = re.compile(
    r"(我|我的|我家)" + _ZH_KIN + r"[^。.!?！？]{0,16}被(人)?[^。.!?！？]{0,12}?(骗|呃|坑)"
    + r"|(我|我的|我家)" + _ZH_KIN + r".{0,40}?(她|他|佢)(已经|都)?(转|汇|俾|畀|付|交)(了|咗|过去)"
    + r"|\bmy\s+" + _EN_KIN + r"\b.{0,60}?\b(she|he)('s| has)? (already |just )?(sent|paid|transferred|wired|been scammed|lost)\b",
    re.IGNORECASE,
)


def about_someone_else(normalised: str) -> bool:
    """True when the message plainly speaks about a relative or friend at risk (text normalised: Simplified
    Chinese, lower case)."""
    return bool(
        _OPENING.search(normalised)
        or _TOLD_OF_THIRD_PARTY.search(normalised)
        or _FOR_SOMEONE.search(normalised)
        or _KIN_CHEATED.search(normalised)
    )
