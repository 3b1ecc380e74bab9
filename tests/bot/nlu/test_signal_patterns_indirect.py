"""Indirect wording of distress and coercion in the shipped pattern files: each family in nl, en
and ro, with one message that must match and a near miss (negated, hypothetical, hyperbole)."""

import pytest

from bot.nlu.signal_matcher import PATTERNS_DIR, SignalMatcher


@pytest.fixture(scope="module")
def matcher() -> SignalMatcher:
    return SignalMatcher(PATTERNS_DIR)


# (language, code, must match, near miss)
CASES = [
    # self-harm said indirectly: a roof or ledge, goodbye letters, "nobody would notice"
    (
        "en",
        "SELF_HARM",
        "sitting on the ledge now, i want everything to end",
        "the cat is on the roof lol",
    ),
    ("nl", "SELF_HARM", "ik zit nu op het dak van de flat", "de kat zit op het dak haha"),
    ("ro", "SELF_HARM", "stau pe acoperis de o ora", "ce se intampla daca stau pe acoperis?"),
    (
        "en",
        "SELF_HARM",
        "i left goodbye notes for my kids",
        "what if i write a goodbye card to my coworker",
    ),
    (
        "nl",
        "SELF_HARM",
        "heb afscheidsbrieven voor mijn moeder geschreven",
        "wat als ik een afscheidsbrief schrijf?",
    ),
    ("ro", "SELF_HARM", "am scris bilete de adio pentru toti", "ce fac daca scriu bilete de adio?"),
    (
        "en",
        "SELF_HARM",
        "honestly no one would even notice if i was gone",
        "what if nobody would notice if i was gone for a day",
    ),
    (
        "nl",
        "SELF_HARM",
        "niemand zou het merken als ik verdween",
        "wat als niemand het merkt als ik weg ben",
    ),
    (
        "ro",
        "SELF_HARM",
        "nimanui nu i-ar pasa, nimeni nu ar observa daca mor",
        "ce se intampla daca nimeni nu ar observa daca plec",
    ),
    # acute danger: hiding from a weapon, "I'm next", coming up the stairs
    (
        "en",
        "ACUTE_DANGER",
        "hiding under the bed, he's got a knife",
        "i hid the knife in the kitchen drawer",
    ),
    (
        "nl",
        "ACUTE_DANGER",
        "hij is dronken en gooit alles kapot",
        "mijn telefoon is kapot, ik heb een nieuwe nodig",
    ),
    ("ro", "ACUTE_DANGER", "e beat si sparge tot in casa", "nu sparge nimic, e doar suparat"),
    (
        "en",
        "ACUTE_DANGER",
        "he's smashing everything and yelling that i'm next",
        "i'm next in line at the pharmacy",
    ),
    (
        "nl",
        "ACUTE_DANGER",
        "ik hoor hem op de trap, hij komt eraan",
        "wat als ik hem op de trap hoor?",
    ),
    ("ro", "ACUTE_DANGER", "il aud cum urca pe scari", "ce fac daca il aud pe scari?"),
    # threats against family
    (
        "en",
        "THREATS",
        "they found out where my sister lives back home",
        "what if they find out where my sister lives",
    ),
    (
        "nl",
        "THREATS",
        "ze weten waar mijn dochter op school zit",
        "weten ze waar mijn dochter op school zit als ik me inschrijf?",
    ),
    ("ro", "THREATS", "zice ca face ceva familiei mele", "nimeni nu face ceva familiei mele"),
    (
        "en",
        "THREATS",
        "if i leave my parents will suffer, he said",
        "my parents will pay for my flight home",
    ),
    (
        "nl",
        "THREATS",
        "hij zegt dat mijn familie ervoor gaat boeten",
        "mijn familie betaalt mijn vlucht",
    ),
    (
        "ro",
        "THREATS",
        "daca plec, familia mea o sa sufere",
        "familia mea o sa plateasca biletul",
    ),
    # loverboy: sweet at first, "if you really loved me"
    (
        "en",
        "LOVERBOY",
        "in the beginning he was so caring, now he sends me to his friends",
        "my first client was nice",
    ),
    (
        "nl",
        "LOVERBOY",
        "in het begin was hij zo lief, nu moet ik voor hem werken",
        "mijn eerste klant was niet lief",
    ),
    (
        "ro",
        "LOVERBOY",
        "la inceput era atat de atent, acum ma trimite la clienti",
        "ce fac daca la inceput e dragut?",
    ),
    (
        "en",
        "LOVERBOY",
        "he keeps saying if i really loved him i would do it",
        "what if i really loved him",
    ),
    # forced work: quotas with food or sleep withheld
    (
        "en",
        "FORCED_WORK",
        "8 clients a night or else no dinner",
        "i see 3 clients a night, my choice",
    ),
    (
        "nl",
        "FORCED_WORK",
        "minimaal tien klanten per nacht, anders krijgen we geen eten",
        "wat als ik tien klanten per nacht wil?",
    ),
    (
        "ro",
        "FORCED_WORK",
        "trebuie 10 clienti, altfel nu primim mancare",
        "lucrez 20 de ore pe saptamana",
    ),
    # movement: driven there and back, never out alone
    (
        "en",
        "MOVEMENT_RESTRICTED",
        "we never go out alone, someone is always there",
        "i dont go out alone at night, its not safe",
    ),
    (
        "nl",
        "MOVEMENT_RESTRICTED",
        "we mogen nooit alleen naar de winkel",
        "wat als ik niet alleen naar de winkel wil?",
    ),
    (
        "ro",
        "MOVEMENT_RESTRICTED",
        "ne duce si ne aduce el, nu iesim singure",
        "ce fac daca nu ies singura?",
    ),
    # money handed to a "manager"
    (
        "en",
        "MONEY_TAKEN",
        "my friend gives all her money to the so called manager",
        "is it legal to give all the money to the manager",
    ),
    ("ro", "MONEY_TAKEN", "dau tot castigul managerului", "nu dau tot castigul managerului"),
    # a debt that never goes down
    ("en", "DEBT_BONDAGE", "the debt never ever goes down, whatever i do", "i have no debt"),
    (
        "nl",
        "DEBT_BONDAGE",
        "alles gaat op mijn schuld en die wordt nooit kleiner",
        "ik heb geen schuld bij iemand",
    ),
    ("ro", "DEBT_BONDAGE", "datoria nu scade niciodata", "ce se intampla daca datoria nu scade?"),
    # ways to die asked about, burdens, marks hidden, a life ended "quickly" (ro, bg)
    (
        "ro",
        "SELF_HARM",
        "ce se intampla daca amesteci somnifere cu vodca",
        "pot lua un somnifer dupa un pahar de vin la cina?",
    ),
    ("ro", "SELF_HARM", "sunt doar o povara pentru toti", "sunt doar o ora in oras"),
    (
        "ro",
        "SELF_HARM",
        "port maneca lunga ca sa nu vada nimeni semnele de la lama",
        "port maneca lunga ca e frig",
    ),
    ("bg", "SELF_HARM", "sybiram hap4eta ot mesec", "sybiram pari za pyt"),
    ("bg", "SELF_HARM", "по-добре без мен", "по-добре с теб"),
    # being taken away by force, a weapon drawn (bg, ro)
    (
        "bg",
        "ACUTE_DANGER",
        "натовариха ме в един бус и караме нанякъде",
        "натовариха багажа в буса",
    ),
    ("ro", "ACUTE_DANGER", "a scos pistolul si zice sa tac", "am vazut un pistol intr-un film"),
    # death sought, birth regretted, God asked to take her (ro)
    ("ro", "SELF_HARM", "acasa plang si imi caut moartea", "imi caut telefonul peste tot"),
    ("ro", "SELF_HARM", "de ce mai traiesc, nu mai stiu", "pentru ce traiesc oamenii?"),
    ("ro", "SELF_HARM", "regret ca m-am nascut", "ma bucur ca m-am nascut in mai"),
    ("ro", "SELF_HARM", "ma rog sa ma ia dumnezeu la el", "dumnezeu sa-l ierte"),
    ("ro", "SELF_HARM", "n-am niciun rost pe lumea asta", "ce rost are sa ma supar?"),
    # despair inside a long story: cutting in secret, "the only way out", "I deserve to die",
    # Italian and Russian words mixed in (ro)
    ("ro", "SELF_HARM", "seara cand ajung acasa ma crestez pe picior", "am crescut la tara"),
    ("ro", "SELF_HARM", "cred ca singura scapare e sa mor", "singura scapare e sa plec acasa"),
    ("ro", "SELF_HARM", "noaptea ma gandesc ca merit sa mor", "merit o vacanta"),
    ("ro", "SELF_HARM", "vreau sa termin singura cu mine", "vreau sa termin tura"),
    ("ro", "SELF_HARM", "sunt pe pod si vreau sa sar", "vreau sa sar coarda"),
    ("ro", "SELF_HARM", "basta, voglio morire", "voglio una pizza"),
    ("ro", "SELF_HARM", "я не хочу жить, sincer", "я хочу спать"),
    ("ro", "THREATS", "zice ca daca ma prinde la politie sunt moarta", "sunt moarta de oboseala"),
    # goodbyes to the world, praying not to see the morning, starving on purpose (ro)
    ("ro", "SELF_HARM", "mi-am luat ramas bun de la lume", "mi-am luat ramas bun de la colege"),
    ("ro", "SELF_HARM", "ma rog sa nu mai vad dimineata", "sa nu mai vad mesajele lui"),
    ("ro", "SELF_HARM", "nu mai mananc de 4 zile intentionat", "nu mai mananc dulciuri"),
    ("ro", "SELF_HARM", "nu mai am pt cine sa traiesc", "nu mai am pentru cine sa gatesc"),
    ("ro", "SELF_HARM", "nimic nu ma mai tine in viata", "nimic nu ma mai tine in olanda"),
    ("ro", "SELF_HARM", "Doamne ia-ma la tine", "ia-ma la tine cu masina"),
    # a coffin or blood drop said with words, a question about feeling nothing any more (ro)
    ("ro", "SELF_HARM", "gata cu mine 🪦", "sunt moarta dupa tura ⚰️ lol"),
    ("ro", "SELF_HARM", "iar 🩸 pe mana stanga", "am ciclu 🩸 si ma doare burta"),
    (
        "ro",
        "SELF_HARM",
        "cat dureaza pana nu mai simti nimic? intreb pt mine",
        "cat dureaza pana nu mai simti durerea dupa tatuaj?",
    ),
    # dead inside, a day chosen, hoping to be run over, an angel in heaven, on the rails (ro)
    ("ro", "SELF_HARM", "pe dinauntru sunt deja moarta", "sunt moarta de oboseala"),
    ("ro", "SELF_HARM", "sora mea si-a ales ziua in care se omoara", "mi-am ales ziua nuntii"),
    ("ro", "SELF_HARM", "sper sa ma calce tramvaiul", "sper sa ma ia o masina de la aeroport"),
    ("ro", "SELF_HARM", "mami o sa fie curand ingeras sus la cer", "ingerasul meu doarme"),
    ("ro", "ACUTE_DANGER", "sunt pe sine. vine trenu", "sunt in tren, vin acasa"),
    ("ro", "SELF_HARM", "lumea ar fi mai curata fara mine", "e bine fara mine la munca azi?"),
    # an overdose, gas or poison taken, cutting too deep, hiding with a blade (ro)
    (
        "ro",
        "ACUTE_DANGER",
        "am inghitit tot flaconul, imi pare rau",
        "am luat toata cutia de bomboane",
    ),
    (
        "ro",
        "ACUTE_DANGER",
        "am deschis gazul si am inchis geamurile",
        "am pornit aragazul sa fac supa",
    ),
    ("ro", "SELF_HARM", "am baut otrava de soareci", "am baut o cafea tare"),
    ("ro", "SELF_HARM", "m-am taiat prea adanc pe mana", "m-am taiat la deget cu hartia"),
    ("ro", "SELF_HARM", "colega isi face taieturi pe picioare", "colega isi face unghiile"),
    ("ro", "SELF_HARM", "sora mea s-a saturat sa fie in viata", "m-am saturat sa fiu singura"),
    ("ro", "SELF_HARM", "s-a incuiat in baie cu pastilele", "s-a incuiat in baie cu telefonul"),
    (
        "ro",
        "SELF_HARM",
        "ma arunc in lac si nu mai ies",
        "ce se intampla daca ma arunc in lac si nu mai ies?",
    ),
    # a drink spiked, locked in for days, doors locked in a car (ro)
    ("ro", "ACUTE_DANGER", "mi-a pus ceva in pahar, nu ma simt bine", "am pus gheata in pahar"),
    (
        "ro",
        "MOVEMENT_RESTRICTED",
        "sunt incuiata de doua zile in camera",
        "am ramas incuiata afara ieri",
    ),
]


@pytest.mark.parametrize("language,code,text,near_miss", CASES)
def test_the_family_matches_and_its_near_miss_does_not(matcher, language, code, text, near_miss):
    assert code in matcher.affirmative_codes(text, language), text
    assert code not in matcher.affirmative_codes(near_miss, language), near_miss


def test_a_dutch_negation_after_the_object_cancels_the_hit(matcher):
    assert "MONEY_TAKEN" not in matcher.affirmative_codes("hij pakt mijn geld niet af", "nl")
    assert "MONEY_TAKEN" in matcher.affirmative_codes("hij pakt mijn geld af", "nl")


def test_a_negation_before_a_hyphenated_word_still_counts(matcher):
    assert "SELF_HARM" not in matcher.affirmative_codes("nu vreau sa-mi fac rau", "ro")


@pytest.mark.parametrize(
    "language,text",
    [
        ("en", "lol this traffic is killing me"),
        ("nl", "ik lig in een deuk van het lachen"),
        ("ro", "haha mor de ras"),
        ("es", "me siento segura en mi cuarto"),
    ],
)
def test_laughter_and_safety_are_not_serious(matcher, language, text):
    assert matcher.not_serious(text, language)
    assert matcher.affirmative_codes(text, language) == []


@pytest.mark.parametrize(
    "language,text",
    [("en", "he says im next"), ("nl", "ik voel me niet veilig"), ("ro", "ma taie cineva")],
)
def test_serious_messages_have_no_not_serious_cue(matcher, language, text):
    assert not matcher.not_serious(text, language)


def test_romanian_nobody_negates_only_with_its_nu(matcher):
    # "nimeni" is always said with "nu": alone it does not cancel what follows ...
    assert "SELF_HARM" in matcher.affirmative_codes("n-am pe nimeni am ganduri negre", "ro")
    # ... and with its "nu" the sentence is still negated
    assert "VIOLENCE" not in matcher.affirmative_codes("nu ma bate nimeni", "ro")
    text = "nimeni nu mi-a luat pasaportul"
    assert "DOCUMENTS_WITHHELD" not in matcher.affirmative_codes(text, "ro")


@pytest.mark.parametrize(
    "language,code,text",
    [
        ("ro", "SELF_HARM", "vr3au s4 m0r"),
        ("ro", "ACUTE_DANGER", "4m b4ut 07r4v4 d3 5ob0l4n1 4cum"),
        ("en", "SELF_HARM", "i w4nt t0 d1e"),
        # Latin-letter Bulgarian, where 4 is a letter, still matches as written
        ("bg", "SELF_HARM", "sybiram hap4eta ot mesec"),
    ],
)
def test_numbers_written_for_letters_are_read_as_letters(matcher, language, code, text):
    assert code in matcher.affirmative_codes(text, language)


def test_numbers_with_units_stay_numbers():
    from bot.nlu.signal_matcher import with_letters_for_numbers

    tokens = ["5min", "500mg", "17yo", "2nd", "m0r", "4m", "07r4v4"]
    assert with_letters_for_numbers(tokens) == [
        "5min",
        "500mg",
        "17yo",
        "2nd",
        "mor",
        "am",
        "otrava",
    ]
