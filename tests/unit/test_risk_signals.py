"""Risk signals read from one message (common/risk_signals/) and "someone else at risk" (common/at_risk.py):
what has gone, what is about to, threats, genuine warnings, recovery offers; and what must not count."""

from __future__ import annotations

import pytest

from common.at_risk import about_someone_else
from common.risk_signals import SIGNALS, find_signals, says_not_paid, scam_relevant
from common.text_normalise import normalise


def signals(text: str) -> set[str]:
    return set(find_signals(normalise(text)))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("我已经转了五万给那个老师", "money_sent"),
        ("前前后后充进去38万，现在提不出来", "money_sent"),
        ("我马上就转了三万，现在联系不上了", "money_sent"),
        ("我就转了五千过去", "money_sent"),
        ("佢叫我過數 我過咗四十萬", "money_sent"),
        ("I already sent 1850 pounds to the account she gave me", "money_sent"),
        ("he even made me money at first", "money_sent"),
        ("I invested 30,000 in his platform", "money_sent"),
        ("can I get my money back?", "money_sent"),
        ("我把手机收到的验证码告诉他了", "code_shared"),
        ("I read the 6-digit code to the caller", "code_shared"),
        ("现在我的微信登不上去了 说在别的手机上登录了", "code_shared"),
        ("我在链接里填了银行卡号和取款密码", "card_details"),
        ("i clicked the link and entered my card number and cvv", "card_details"),
        ("他让我下了个向日葵，现在他能看到我手机屏幕", "remote_access"),
        ("the man had me put in anydesk and he is in my computer now", "remote_access"),
        ("佢叫我裝TeamViewer 我裝了 佢仲連住睇到我部手機", "remote_access"),
        ("按他说的下载了那个app，还开了所有权限", "app_installed"),
        ("我现在在去银行的路上", "about_to_pay"),
        ("I'm on my way to the bank to send it", "about_to_pay"),
        ("我而家去銀行轉錢", "about_to_pay"),
        ("不给5万就把视频发给你所有联系人", "threat"),
        ("she'll send the video to all my contacts unless I pay", "threat"),
        ("刚接到96110的电话，叫我不要再转账了", "official_warning"),
        ("【12381】您近期接触的电话可能涉嫌诈骗", "official_warning"),
        ("the bank teller stopped my transfer and called the police", "official_warning"),
        ("民警上门说我手机里的投资app是骗局，让我卸载", "official_warning"),
        ("a lawyer says he can recover my lost money for a 10% fee", "recovery_offer"),
        ("有个律师团队说能帮我追回损失，先交服务费", "recovery_offer"),
        ("网上有个人说我上次报的案有进展，可以退回部分款项", "recovery_offer"),
        ("the agent told me to key my pin into the phone and i did that", "code_shared"),
        ("他让我装一个软件，我装了", "app_installed"),
        ("I did what the caller said. The transfer went to a stranger's account", "money_sent"),
        ("he opened the page and I signed in through the link he sent with my password", "card_details"),
        ("the site asked for my bank details and I filled them in", "card_details"),
        ("我把信用卡号码同到期日读咗俾佢听", "card_details"),
        ("a courier came round and took my old bank card away", "card_details"),
        ("他给我发了个链接下载国家反诈中心app，我装了", "app_installed"),
        ("the builder took 3000 up front and then blocked me", "vanished"),
        ("转完钱他就把我拉黑了", "vanished"),
        ("他说年回报百分之十五，我明天带五万过去", "about_to_pay"),
        ("他说年回报百分之十五，我明天带五万过去", "returns_promised"),
        ("they want it by bank transfer into a holding account and are still on the other line", "on_the_line"),
        ("they want it by bank transfer into a holding account and are still on the other line", "impersonation_cue"),
        ("I bought four gift cards and read the numbers to the man from Microsoft", "code_shared"),
        ("clicked the text and logged into my bank on that page with my user id and pin", "card_details"),
        ("it asked for the code and i keyed it in", "code_shared"),
        ("Westpac has frozen my $9,000 transfer and wants to talk to me", "official_warning"),
        ("我刚转账，银行就打电话说转账暂停了", "official_warning"),
        ("a man from the fraud refund centre says my lost money is ready", "recovery_offer"),
        ("他叫我把存款转去安全账户，他还在电话上", "payment_requested"),
        ("他叫我把存款转去安全账户，他还在电话上", "on_the_line"),
        ("the officer said she must not tell anyone", "secrecy"),
        ("my grandpa keeps going to the shop to buy apple cards", "money_sent"),
        ("主播收了钱就不理我了", "vanished"),
        ("how can I tell if a bank call is real? nothing has happened to me", "educational"),
        ("I hung up and rang the number on the back of my card", "own_check"),
        ("交了五万以后公司门关了，电话也没人接", "vanished"),
        ("他说年息百分之20，稳赚", "returns_promised"),
        ("柜员一直问，后来又来了两个民警", "official_warning"),
        ("银行暂停了我这笔汇款，叫我去分行", "official_warning"),
        ("the lady at the bank wouldn't send my money to him", "official_warning"),
        ("ScamShield flagged his messages as a likely scam", "official_warning"),
        ("他说如果我告诉家里人就会被拘留", "threat"),
        ("people in the comments say a hacker on telegram, they got my money back in a day", "recovery_offer"),
        ("the police rang and asked me to come to the station to give a statement", "station_visit"),
        ("they said come to the station or pay the fine today", "payment_requested"),
        ("有人加我说是反诈中心的，说我被骗的钱追回了，要加回款专员微信", "recovery_offer"),
        ("a hacker on telegram says he can get my crypto back from the fake exchange", "recovery_offer"),
        ("an email says my lost funds have been recovered and I only need to pay the clearance fee", "recovery_offer"),
        ("我发了卡号和取款密码", "card_details"),
        ("叫我给他singpass的密码和手机收到的code，我给了", "code_requested"),
        ("Today I saw PayNow transfers on his phone to 5 different names", "money_sent"),
        ("He's sold his car to send her money", "money_sent"),
        ("有兩個差人上咗嚟我屋企 話我可能俾人呃", "official_warning"),
        ("Sent them 28,500 across 6 tasks", "money_sent"),
        ("paid 3k 'account activation fee' to a loan platform", "money_sent"),
        ("取了三十万转走了", "money_sent"),
    ],
)
def test_a_plain_statement_gives_its_signal(text, expected):
    assert expected in signals(text)


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("我没有转钱，也没说验证码", {"money_sent", "code_shared"}),
        ("I didn't give him the code", {"code_shared"}),
        ("he asked me for the code", {"code_shared"}),
        ("他让我下载向日葵", {"app_installed"}),
        ("收到菜鸟驿站的取件码8-2-3047", {"code_shared", "code_requested"}),
        ("I downloaded the broker app from the App Store myself", {"app_installed"}),
        ("社区民警让我们下载国家反诈中心app，我在应用商店装好了", {"app_installed", "install_requested"}),
        ("the landlord refunded my deposit by bank transfer, I got my refund", {"money_sent"}),
        ("我自己上官网订机票，付款时把银行发的验证码输进去了", {"code_shared"}),
        ("165打來說我可能遇到詐騙，叫我不要再匯款", {"payment_requested"}),
        ("银行打电话说定期到期了，没叫我转钱，也没问密码", {"payment_requested", "card_details"}),
        ("派出所的人上门，不让我给那个公司转钱", {"payment_requested"}),
        ("they asked for the code and I did not give it", {"code_shared"}),
        ("我女儿用转数快给我转了300块，收到通知了", {"money_sent"}),
        ("they want it by bank transfer into a holding account", {"official_warning"}),
        ("银行定期利率百分之二，我明天去存", {"returns_promised"}),
        ("我妈天天去听健康讲座", {"educational"}),
        ("现在想想官方app为什么要他发链接", {"own_check"}),
        ("the police told us never to give out codes over the phone", {"code_shared"}),
        ("他说换了新号码，我打他旧号码没人接", {"own_check"}),
        ("女儿说换了新号码，我打她旧号码问过了，是真的", {"new_number"}),
        ("my roommate paid me her half of the rent before I pay the landlord", {"online_stranger"}),
        ("同事在LINE群里跟大家收聚餐的钱", {"online_stranger"}),
        ("爷爷去银行存十万定期", {"money_sent"}),
        ("法院判决后，被骗的钱由派出所退回到我卡上，不收任何费用", {"recovery_offer"}),
        ("I read an article about fund recovery scams", {"recovery_offer"}),
        ("the app says my loan funds are frozen, contact support to pay the unfreeze fee", {"recovery_offer"}),
        # 要 ... 了 after "about to" is a plan: nothing has gone yet.
        ("航空公司客服说退改签要先交手续费，我马上要转了", {"money_sent"}),
        ("马上要给那个网恋女友在平台上充五千了", {"money_sent"}),
        ("我妈快要转了", {"money_sent"}),
    ],
)
def test_a_negation_request_or_ordinary_life_gives_no_signal(text, absent):
    assert not signals(text) & absent


def test_an_everyday_reading_explains_ordinary_money_words_away_but_not_a_given_code():
    found = ["money_sent", "code_shared", "about_to_pay"]
    assert scam_relevant(found, everyday=True, confidence=0.9) == ["code_shared"]
    assert scam_relevant(found, everyday=True, confidence=0.2) == found  # the model is unsure it is everyday
    assert scam_relevant(found, everyday=False, confidence=0.9) == found


def test_public_signals_are_the_nine_the_classify_contract_names():
    assert SIGNALS == (
        "money_sent", "code_shared", "card_details", "remote_access", "app_installed", "about_to_pay", "threat",
        "official_warning", "recovery_offer",
    )  # fmt: skip


@pytest.mark.parametrize(
    ("text", "someone_else"),
    [
        ("我媽最近一直在LINE群組裡跟一個老師學投資", True),
        ("Mum just messaged that she's heading to the post office to send cash", True),
        ("Im writing this for my dad hes 81", True),
        ("我帮我奶奶打的字 奶奶说有人让她买保健品", True),
        ("My mum just called me, someone from Telstra got her to install an app", True),
        ("my grandson called me crying, he's in jail and needs bail", False),
        ("我儿子打电话给我说要借钱", False),
        ("我老公让我把验证码念给他，他就坐在我旁边", False),
        ("got a text hi mum its me my phone broke", False),
        ("我家老头子天天去听讲座买保健品", True),
        ("my older sister joined a crypto group from an Instagram ad", True),
        ("我女儿用PayNow给我转了500块", False),
        ("朋友圈有人卖便宜茶叶", False),
        ("My mom just called me from her car, she's driving to the bank for a 'police officer'", True),
        ("my father in law has been messaging a woman he met on a game app", True),
        ("我在国外，我妈在老家被人冒充客服骗走了十万", True),
        ("My uncle is deep into an online romance with a woman he met on Facebook", True),
        ("my mum is buying a house with my help", False),
    ],
)
def test_someone_else_at_risk_is_recognised_and_a_relatives_voice_is_not(text, someone_else):
    assert about_someone_else(normalise(text)) is someone_else


@pytest.mark.parametrize(
    ("text", "not_paid"),
    [
        ("withdrawal blocked, they want an unlock fee. havent paid, im scared", True),
        ("老婆在做刷单兼职 现在让她垫三万 我拦住了 还没转", True),
        ("The puppy seller wants a vaccine fee. I paid nothing yet.", True),
        ("我没给钱，把他拉黑了", True),
        ("I didn't pay attention and sent 5000", False),
        ("他说充了就能提现", False),
    ],
)
def test_a_plain_not_paid_yet_is_recognised(text, not_paid):
    assert says_not_paid(normalise(text)) is not_paid
    if not_paid:
        assert "money_sent" not in signals(text)  # "I paid nothing" is no payment

