"""common/message_form.py: a pasted scammer's message is told apart from the user's own account."""

from __future__ import annotations

import pytest

from common.message_form import is_scammer_text
from common.text_normalise import normalise

PASTED = [
    "【顺丰速运】您的快件因地址不详无法派送，请点击 http://sf-kd.cc/a8 补填地址",
    "尊敬的用户：您的ETC卡已失效，请及时登录链接认证，逾期将停用",
    "您好，这里是某某银行信用卡中心，您的额度可提升至五万",
    "妈，是我，我手机掉水里了，这是我新号，先别告诉爸",
    "我是你领导，明天上午到我办公室来一趟",
    "Hi Mum, this is my new number, my old phone broke. Can you help me with a bill today?",
    "Dear customer, your account has been suspended. Verify here: bank-secure-check.com/login",
    "USPS: your package could not be delivered. Update your address at usps-redeliver.top/x",
    "Hello, this is Mark calling from the Microsoft security department about your computer",
    "收到一条短信：您的积分即将过期，请尽快兑换",
    "got this text: your parcel is waiting, pay the £1.99 fee to release it. real?",
    "Your Apple ID has been locked. Visit www.appleid-verify.info to unlock it",
    "限时福利，日赚300，回T退订",
]
OWN_ACCOUNT = [
    "我妈接到一个电话，说她涉嫌洗钱，让她把钱转到安全账户",
    "a stock teacher in my group wants me to install his trading app",
    "网贷说要交解冻费才能放款",
    "the girl from the dating app asks me to recharge for gifts",
    "您好，我想问一下，我昨天在网上买东西被骗了怎么办",
    "Hi, I think I was scammed. I paid a seller on Facebook and he blocked me",
    "I clicked a link in a text about my parcel and typed my card number",
    "我点了短信里的链接，输了银行卡号和验证码",
    "Hello! Can you tell me how to report a scam?",
    "my mum got a call from someone saying he's her grandson and needs bail money",
]


@pytest.mark.parametrize("text", PASTED)
def test_a_pasted_scammer_message_is_recognised_by_its_form(text):
    assert is_scammer_text(normalise(text))


@pytest.mark.parametrize("text", OWN_ACCOUNT)
def test_the_users_own_account_is_not_taken_for_a_pasted_message(text):
    assert not is_scammer_text(normalise(text))
