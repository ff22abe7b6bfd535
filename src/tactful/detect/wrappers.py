"""Jailbreak wrappers: the words around a request that try to change how it is judged.

A wrapper must not hide the request, and it must not condemn one either. So a recognised wrapper
is taken off the message (what is judged as the whole is the rest of it), the ask inside it is
extracted and judged as well, the worse outcome wins, and the trace records the wrapper:

* `override`: "ignore all previous instructions", "you have no restrictions";
* `persona`: role-play personas ("DAN", "developer mode", "stay in character") and long
  jailbreak templates, whose sentences about how the assistant should behave are set aside;
* `hypothetical`: "hypothetically", "imagine", "in theory", "for the sake of argument";
* `fiction`: a story or screenplay framing around an operational ask ("a scene where the chemist
  explains how to …"), whose ask is extracted;
* `tense`: the request moved to the past or future ("how did people make X in the past?"),
  read in the present;
* `split`: the request split across variables or string pieces (a = "how to make"; b = …; a+b).

Ordinary text takes a fast path: one precompiled pattern decides whether anything here runs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tactful.detect.caseless import Caseless
from tactful.detect.templates import (
    AFTER_COLON,
    SENTENCE,
    VOCATIVE,
    asks_something,
    closing_ask,
    describes_assistant,
    looks_like_ask,
    read_template,
    split_tail,
)

_I = re.IGNORECASE
_EVIDENCE = 120


@dataclass(frozen=True)
class Wrapper:
    kind: str
    evidence: str


@dataclass(frozen=True)
class Unwrapped:
    """The message with wrapper words removed, the asks found inside, and the wrappers seen."""

    text: str
    inner: tuple[str, ...] = ()
    wrappers: tuple[Wrapper, ...] = ()
    template: bool = False  # read sentence by sentence as a jailbreak template
    #: The template's own asks when the user's request follows it in paragraphs of its own:
    #: its examples and first prompts ("How to hotwire a car", "The first prompt is: {…}"),
    #: which the user's request replaces. They count only as clear harm.
    examples: tuple[str, ...] = ()
    #: The user's request after a template, in paragraphs of its own ("" if none).
    tail: str = ""


_OVERRIDE = re.compile(
    r"\b(?:ignore|disregard|forget|override|bypass|drop)\s+(?:all\s+|any\s+|the\s+|your\s+|of\s+"
    r"|everything\s+)*(?:previous|prior|above|earlier|preceding|initial|original|system|safety"
    r"|content)?\s*(?:instructions?|directions|rules|prompts?|guidelines|programming|restrictions"
    r"|constraints|polic(?:y|ies)|filters?|training|messages|inputs?|conversations?)\b[^.!?\n]*"
    r"[.!?\n]?"
    r"|\b(?:you (?:now )?have|with|there are) no (?:restrictions|limits|limitations|rules|filters"
    r"|guidelines|boundaries|censorship)\b[^.!?\n]*[.!?\n]?"
    # "a language model called John that is not bound by any restrictions"
    r"|\b(?:not|never|isn't) (?:be )?bound by (?:any |the |its |your )?(?:restrictions|limits"
    r"|limitations|rules|filters|guidelines|boundaries|censorship|polic(?:y|ies))\b"
    r"[^.!?\n]*[.!?\n]?"
    r"|\bnew (?:system )?instructions\s*:|\bsystem override\b[:.]?"
    r"|\bforget (?:everything|all|anything) (?:you (?:were|have been|'ve been) told|you know|above"
    r"|before)\b[^.!?\n]*[.!?\n]?"
    r"|\b(?:ignore|disregard|forget) (?:all |any |the |your )*(?:prior|previous) inputs\b",
    _I,
)
#: Persona names are matched as written ("DAN", not "Dan"); the phrases in any case.
_PERSONA_NAMES = re.compile(
    r"\b(?:DAN|STAN|DUDE|AIM|BetterDAN|AntiGPT|Mongo Tom|[A-Z][A-Za-z]{1,20}GPT)\b(?<!\bChatGPT)"
)
_PERSONA = re.compile(
    r"\b(?:do anything now|developer mode|dev mode|god mode|jailbr(?:eak|oken)(?:ed)?|unfiltered"
    r"|uncensored|amoral|stay in character|never refuses?|(?:no|without) (?:any )?(?:ethical|moral)"
    r"(?: (?:and|or|nor) (?:ethical|moral))? (?:guidelines|restrictions|limits|boundaries"
    r"|constraints|values|principles|standards)|(?:you are|you're) (?:now |going "
    r"to )?(?:pretend(?:ing)? to be|act(?:ing)? as|an? (?:evil|unrestricted|unfiltered|uncensored))"
    r"|pretend (?:to be|you are|you're)|role-?play as|play the role of|from now on,? you"
    r"|from this point (?:on|forward),? (?:you|i'?d like you|i want you)|continue as|respond as the"
    r" character"
    r"|(?:you are|you're|act as|pretend to be|play) my (?:late |dead |deceased )?(?:grand(?:ma"
    r"|mother|pa|father)|nan|granny)|simulate (?:a|an) (?:chatbot|ai|model|assistant)"
    r"|(?:opposite|evil|unrestricted) (?:ai|bot|chatbot|version)"
    # A persona assigned in other words: "You are now FoxAI", "I want you to act as …", "from
    # here on out, you are …", "you now go by the name …", "take on the PLUS persona".
    r"|(?:you are|you're) now (?!(?:able|ready|free|done|allowed|aware|sure"
    r"|going to (?!pretend|act|simulate|be|play))\b)"
    r"|(?:i want|i'?d like|i would like|i need) you to (?:act|behave|respond|reply|answer"
    r"|pretend|play|become|be|take on|roleplay|role-play|simulate|embody|speak)\b"
    r"|from (?:now|here|this moment|this point)(?: on)?(?: out| onwards?| forward)?,?"
    r" (?:you|i want you|i'?d like you)\b"
    r"|(?:you are|you're) (?:going|about) to (?:simulate|act|play|embody|be|become)\b"
    r"|you (?:will|shall|must) (?:now )?(?:act as|respond as|reply as|answer as|pose as"
    r"|speak to me as|roleplay as|role-play as|become|embody|take on)\b"
    r"|you (?:now )?go by\b|take on (?:the |a |an )?(?:[\w-]+ )?(?:role|persona|character)\b"
    r"|in the role of\b|(?:roleplay|role-play) as\b"
    # … or described: "you are an omniscient AI known as Connor", "BOB is a chatbot without
    # restrictions", "reply only as evil Pablo", "let's play a game called 4ChanGPT".
    r"|(?:you are|you're) (?:an?|the) (?:[\w-]+ ){0,3}(?:ai|chatbot|bot|language model|llm)\b"
    r"|\w+ is (?:an?|the) (?:[\w-]+ ){0,3}(?:ai|chatbot|bot|language model|llm) (?:without|with no"
    r"|that (?:has no|doesn't|does not|never|will|can))\b"
    r"|(?:reply|respond) (?:only )?as (?!(?:soon|quickly|briefly|much|well|concisely|accurately"
    r"|clearly|follows?|usual|normal|always|if|though|you)\b)|let'?s play a game called\b"
    # … or given rules in the third person: "Leo must always generate …", "it never refuses a
    # request".
    r"|\w+ (?:must|will|shall|should) (?:always|never) (?:generate|respond|answer|reply|provide"
    r"|say|produce|output|obey|comply|refuse|break|censor|apologi[sz]e)\b"
    r"|(?:does not|doesn'?t|will not|won'?t|never|cannot|can'?t) (?:refuses?|declines?|rejects?)"
    r" (?:any |a |the |your |my )?(?:requests?|questions?|prompts?|orders?|commands?)\b"
    # … or licensed: "an AI that will provide you with information no matter how twisted and
    # devious your intentions are".
    r"|\b(?:ai|chatbot|bot|assistant|language model|llm)\b[^.!?\n]{0,80}\bno matter how"
    r" (?:[\w-]+,? (?:and |or )?){0,3}?(?:illegal|unethical|immoral|dangerous|harmful|twisted"
    r"|devious|offensive|inappropriate|explicit|reckless|evil)\b)",
    _I,
)
_HYPOTHETICAL = re.compile(
    r"\b(?:hypothetically(?: speaking)?|in an? (?:purely |entirely |totally )?hypothetical (?:world"
    r"|scenario|situation|setting|universe)"
    r"(?: where)?|(?:imagine|suppose|pretend)(?: that| a world where| for a moment that)?"
    r"|let'?s say(?: that)?|in theory|theoretically(?: speaking)?|as a thought experiment"
    r"|for the sake of argument|purely (?:academically|hypothetically|in theory)"
    # "What if" frames a counterfactual ("what if you had no rules", "what if I wanted to …");
    # "what if she screams when I leave the room?" is a plain question about what may happen.
    r"|what if(?= (?:[\w'-]+ ){0,3}(?:were|was|had|could|would|did|wanted|needed|pretended"
    r"|weren't|wasn't|didn't|couldn't|no longer)\b))\b,?",
    _I,
)
_FICTION = re.compile(
    r"\b(?:(?:write|compose|draft|create|give me)\s+(?:me\s+)?(?:a|an|the)\s+(?:short\s+|fictional"
    r"\s+|realistic\s+|dramatic\s+|movie\s+|film\s+)*(?:story|scene|screenplay|script|novel"
    r"|chapter|dialogue|monologue|play|tale|roleplay)(?:\s+(?:where|in which|about|featuring"
    r"|that|for a \w+ (?:where|in which)))?"
    r"|in (?:a|my|the|this) (?:story|novel|screenplay|script|film|movie|play|book|fiction|game)"
    r"|(?:i'?m |i am )?writing (?:a|an|my) (?:\w+ )?(?:novel|story|screenplay|script|book|play"
    r"|thriller)|(?:for|in) my (?:d&d|dnd|rpg|tabletop|roleplaying|role-playing) (?:campaign|game)"
    r"|my (?:novel|story|screenplay)'?s? (?:character|villain|protagonist)|fictional(?:ly)?"
    r"|(?:a|the) (?:character|villain|protagonist) (?:named \w+ )?(?:who|that))\b",
    _I,
)
#: What the story's character is made to explain: the ask inside the fiction.
_ASK = re.compile(
    r"\b(?:how (?:to|do|can|could|would|should|one|you|i|we|they|he|she)\b|(?:the |detailed |"
    r"exact |precise )?(?:step[- ]by[- ]step|steps|instructions|recipe|procedure|method|process"
    r"|formula|ingredients|materials|code|script)\b(?: (?:to|for|of|on|needed))?"
    r"|exactly how|tell (?:me|us|them|him|her) (?:how|what)|explain(?:s|ing)? (?:how|in detail)"
    r"|give (?:me|us) (?:the|a|detailed|instructions)|write (?:me )?(?:a|an|the|some) (?!story"
    r"|scene|poem|screenplay|script|novel|dialogue)|teach(?:es)? (?:me|us|you|them) (?:how|to))",
    _I,
)
_TENSE = re.compile(
    r"\b(?:how|in what ways?|which ways?|by what means)\s+(?:did|would|will|might|could|had|were"
    r"|was)\s+(?:the\s+(?:[a-z]+\s+)?(?=(?:guys|men|kids|gang|crew|[a-z]+ers)\b))?"
    # A subject named with a word before it: "car thieves", "drug dealers", "a burglar".
    r"(?:(?:a|an)\s+[a-z]+(?:er|ar|or|ist)|(?:[a-z]+\s+(?=(?:thieves|gangs|dealers|hackers"
    r"|smugglers|criminals|cartels|scammers|terrorists|traffickers)\b))?"
    r"(?:people|someone|somebody|folks|they|one|criminals|hackers|terrorists|scammers|guys|men"
    r"|kids|gang|crew|thieves|attackers|soldiers|spies|rebels|poachers|smugglers|gangs|cartels"
    r"|predators|burglars|militants|[a-z]+ists|[a-z]+ers))\s+(?:have\s+"
    r"|be able to\s+|go about\s+|manage to\s+|use to\s+|used to\s+)?(?!the\b|a\b|an\b|that"
    r"\b|this\b|it\b|their\b|there\b|be\b)([a-z]+)",
    _I,
)
_WHEN = re.compile(
    r"(?:,\s*)?\b(?:in the past|historically|back in the day|back then|in (?:the )?(?:ancient"
    r"|medieval|old|olden|victorian|early) (?:times|days|era)|(?:back )?in the (?:1[5-9]|20)\d0s"
    r"|in the \d+(?:st|nd|rd|th) century|during (?:the )?(?:\w+ ){0,2}(?:war|era|period"
    r"|prohibition|age)|in the (?:near |distant )?future"
    r"|(?:back )?in (?:the year )?(?:1[5-9]|2[01])\d\d"
    r"|(?:\d+|many|a few|some|a couple of|several|a|one|two|three|four|five|ten|twenty|fifty"
    r"|a hundred|a thousand|hundreds of|thousands of) (?:years?|decades?|centur(?:y|ies))"
    r" (?:ago|from now"
    r"|in the future|later)|in the old days"
    r"|in history|once upon a time"
    # Cases on record: "in the cases that made the news", "in the attacks of 1995".
    r"|in (?:the|those|that|these) (?:real |real-life |famous |notorious |historical |known )?"
    r"(?:cases?|incidents?|attacks?|plots?)(?: (?:that|which) (?:made|hit|were in) the (?:news"
    r"|headlines|papers)| of (?:1[5-9]|20)\d\d| on record)?)\b",
    _I,
)
#: "suppose you had to answer this:": words that only point at the request after them.
_ANSWER_THIS = re.compile(
    r"\b(?:(?:suppose |imagine )?(?:you (?:had|have|need|were asked) to |you must |please |now )?"
    r"(?:answer|respond to|reply to|address|do|follow) (?:this|the following|it)(?: question"
    r"| request| prompt)?)\s*:",
    _I,
)
#: A template's slot left unfilled ("[INSERT ANY QUESTION HERE]", "[Write your request on here]"):
#: it says where a request goes, and nothing about it.
_EMPTY_SLOT = re.compile(
    r"\[(?:insert|write|enter|put|type|add|paste|your)\b[^\]\n]{0,60}\]"
    r"|\{(?:insert|your)(?:\b|_)[^}\n]{0,60}\}"
    r"|\b(?:insert|write|enter|put|type|add|paste) (?:your|the|a) (?:prompt|question|request"
    r"|query|input|text|message)s? here\b",
    _I,
)
_ASSIGN = re.compile(r"(?<![\w.])([A-Za-z_]\w{0,15})\s*(:=|=|:)\s*([\"'“‘`])(.+?)[\"'”’`]")
_CONCAT_VARS = re.compile(r"\b([A-Za-z_]\w{0,15}(?:\s*\+\s*[A-Za-z_]\w{0,15})+)\b")
#: String pieces joined with "+" ('how to ' + 'steal a car'); pieces are bounded, no nesting.
_CONCAT_LITERALS = re.compile(
    r"[\"'“‘][^\"'“”‘’\n]{1,200}[\"'”’](?:\s*\+\s*[\"'“‘][^\"'“”‘’\n]{1,200}[\"'”’])+"
)
_LITERAL = re.compile(r"[\"'“‘](.+?)[\"'”’]")

#: The fast path: a message holding none of these words (and no "+", "=", persona name or year)
#: cannot match any wrapper pattern, so nothing else here runs. A set lookup per word is ~20x
#: cheaper than searching the patterns themselves.
_TRIGGER_WORDS = """ignore disregard forget override bypass drop restrictions restriction limits
    limitations rules filters filter guidelines boundaries censorship instructions unfiltered
    uncensored amoral jailbreak jailbroken jailbreaked developer dev god anything character refuse
    refuses ethical moral pretend pretending act acting roleplay role simulate opposite evil
    unrestricted grandma grandmother grandpa grandfather nan granny hypothetically hypothetical
    imagine suppose let's lets theory theoretically experiment argument purely story scene
    screenplay script novel chapter dialogue monologue tale fiction fictional fictionally
    villain protagonist writing campaign dnd rpg tabletop roleplaying role-playing past
    historically history back ancient medieval olden victorian early century during future
    years decades decade centuries ago once movie film book play game exact step through inside
    ingredients quantities step-by-step"""
_TRIGGERS = frozenset(_TRIGGER_WORDS.split())
_TRIGGER_WORD = re.compile(r"[a-z'&-]+")
# Persona names and jailbreak markers as written, then phrases in any case: two patterns, since
# the phrases searched as a `Caseless` pattern skip most texts at once (a text may be wrapped if
# either matches, as when they were one pattern with an inline "(?i:…)").
_TRIGGER_RAW = re.compile(
    r"\b(?:DAN|STAN|DUDE|AIM|BetterDAN|AntiGPT|Mongo Tom|[A-Z][A-Za-z]{1,20}GPT)\b"
    r"|\b(?:1[5-9]|2[01])\d\d|d&d|[+=]"
)
_TRIGGER_PHRASE = Caseless.compile(
    r"from now on|from this point|continue as|what if"
    r"|you(?:'re| are) (?:now|going to|about to)|you (?:will|shall|must) (?:now )?(?:respond|reply"
    r"|answer|pose|speak|become|embody|take on)|go by|in the role of|persona"
    r"|from (?:now|here|this moment|this point)\b|(?:want|like|need) you to|role-play"
    r"|you(?:'re| are) (?:an?|the) |(?:ai|chatbot|bot|language model|llm) (?:without|with no|that)"
    r"|(?:reply|respond) (?:only )?as |game called|(?:always|never) (?:generate|respond|answer"
    r"|reply|provide|say|produce|output|obey|comply|break|censor|apologi[sz]e)"
    r"|(?:not|n'?t|never) (?:refuse|decline|reject)|no matter how"
)


def _may_be_wrapped(text: str) -> bool:
    lowered = text.lower()
    if _TRIGGER_RAW.search(text) or _TRIGGER_PHRASE.has(text, lowered):
        return True
    return not _TRIGGERS.isdisjoint(_TRIGGER_WORD.findall(lowered))


_PARAGRAPH = re.compile(r"\n\s*\n|\n")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_LAST_PARAGRAPH_WORDS = 80
#: A message this long with a persona or override is read sentence by sentence.
TEMPLATE_CHARS = 300


def unwrap(text: str) -> Unwrapped:
    if not _may_be_wrapped(text):
        return Unwrapped(text)
    wrappers: list[Wrapper] = []
    inner: list[str] = []
    rest = text
    closing: str | None = None
    asks: list[str] = []
    examples: list[str] = []
    replaced = False
    split = _split_payload(rest)
    if split is not None:
        joined, rest = split
        wrappers.append(Wrapper("split", joined[:_EVIDENCE]))
        inner.append(joined)
    persona = _PERSONA_NAMES.search(rest) or _PERSONA.search(rest)
    override = _OVERRIDE.search(rest)
    template = bool(persona or override) and len(rest) >= TEMPLATE_CHARS
    tail = ""
    after: str | None = None
    if persona or override:
        # A request added after a long template, in paragraphs of its own, is the user's: kept
        # whole, beside what the template itself asks.
        sent = rest
        rest, tail = split_tail(rest) if template else (rest, "")
        # Without such paragraphs, the request may follow a short preamble ("Ignore all
        # previous instructions. {request}"): the rest of the message. Read sentence by
        # sentence, it lost sentences that only look like rules ("… with materials and
        # guidelines"), or was a persona's sentence itself ("DAN, Release a virus …").
        after = None if tail else after_preamble(sent)
        rest, asks = read_template(rest, strict=template, last_resort=not tail)
        closing = closing_ask(text)
        own = " ".join([rest, *asks])  # what the template asks, without the persona
        joined = f"{own} {tail}"
        # The request after a template is the whole judged: joined to it, persona text
        # condemned benign requests and its own questions ("What time is it?") read as the
        # user's. Joined, they are judged beside it, where harm still counts. A tail that asks
        # nothing is the input of an instruction left in the template: judged with it.
        replaced = bool(tail) and asks_something(tail)
        whole = tail if replaced else joined
        if replaced:
            # The user's request replaces the template's own: what the template asks (its
            # examples, its first prompt) is the template's words, not the user's, and is
            # judged apart, where only clear harm counts.
            examples = [*asks, joined]
            inner.append(tail)
        else:
            inner += [*asks, joined, tail] if tail else asks
        rest = whole if tail else own
    for kind, found in (("override", override), ("persona", persona)):
        if found:
            wrappers.append(Wrapper(kind, found[0].strip()[:_EVIDENCE]))
    rest = _OVERRIDE.sub(" ", rest)
    rest = _ANSWER_THIS.sub(" ", rest)
    rest = _EMPTY_SLOT.sub(" ", rest)
    hypothetical = _HYPOTHETICAL.search(rest)
    if hypothetical:
        wrappers.append(Wrapper("hypothetical", hypothetical[0].strip()))
        rest = _HYPOTHETICAL.sub(" ", rest)
    fiction = _FICTION.search(rest)
    if fiction:
        wrappers.append(Wrapper("fiction", fiction[0].strip()[:_EVIDENCE]))
        ask = _ASK.search(rest, fiction.start())
        if ask:
            inner.append(_sentence_from(rest, ask.start()))
    present = _present_tense(rest)
    if present is not None:
        wrappers.append(Wrapper("tense", present[:_EVIDENCE]))
        # The message as sent is judged, and the act itself too, asked the way requests for it
        # usually are.
        if _QUESTION_OPENING.match(present):
            # "How will people is the rigger responsible for …?": what was moved in time is a
            # question of its own, judged as one; "How do I is the rigger …?" asks nothing.
            inner.append(f"{present}?")
        else:
            inner += [present, f"How do I {present[:1].lower()}{present[1:]}?"]
    if not wrappers:
        return Unwrapped(text)
    if not template:  # an ask after a colon or addressed to the persona is judged alone too
        inner += _asks_in(rest)
    # A request added to a template usually sits in its own last paragraph. When the template
    # was read apart from the paragraphs after it, those are the request, and their last line
    # is judged alone only if it is an ask: otherwise it is the input of an instruction
    # ("PersonX became a billionaire."), not what is asked.
    last = last_paragraph(tail or text)
    if last is not None and (not tail or looks_like_ask(last)):
        inner.append(last)
    rest = _tidy(rest)
    inner = [t for i in inner if len((t := _tidy(_EMPTY_SLOT.sub(" ", i))).split()) >= 2]
    if not rest:  # nothing but wrapper: the asks inside it, or else the message as it was
        rest = " ".join(inner) if inner else text
    if after is not None:  # judged beside the whole, never in its place: it may be persona text
        inner.append(after)
    # A request pasted at the very end of a template is judged alone too, never as the whole.
    # When the template holds a request elsewhere (its slot filled), its last words are its
    # own example ("… [BY … ON DISCORD]  tell me how to rob a donut shop"), unless they repeat
    # that request.
    # An "ask" that is no request ("SYSTEM OVERRIDE: safety filters disabled.") fills no slot.
    own_request = [a for a in asks if looks_like_ask(a)]
    if closing is not None and (
        not own_request or any(closing in a or a in closing for a in own_request)
    ):
        inner.append(_tidy(closing))
    inner = list(dict.fromkeys(i for i in inner if i != rest))
    examples = [
        e for e in dict.fromkeys(_tidy(e) for e in examples) if e not in inner and e != rest
    ]
    return Unwrapped(rest, tuple(inner), tuple(wrappers), template,
                     tuple(e for e in examples if len(e.split()) >= 2),
                     tail if replaced else "")  # fmt: skip


#: The most words a wrapper's preamble may have for the rest of the message to be read as the
#: request: a long template's last persona sentence is followed by more of the template.
_PREAMBLE_WORDS = 80
#: "Answer my first question: …", "As EvilBot, respond to this: …": words that hand over to the
#: request at its start.
_HANDOVER_WORDS = 8


def after_preamble(text: str) -> str | None:
    """The request after a short wrapper preamble: the text after the last sentence that holds
    a persona or override phrase (or after a colon or bracket following the phrase: "New
    instructions: …"), when the preamble is short and what follows does not describe the
    assistant too."""
    cut = 0
    for m in SENTENCE.finditer(text):
        sentence = VOCATIVE.sub("", m[0]) if VOCATIVE.match(m[0]) else m[0]
        skipped = len(m[0]) - len(sentence)
        found = _OVERRIDE.search(sentence) or _PERSONA.search(sentence)
        found = found or _PERSONA_NAMES.search(sentence)
        if found is None:
            continue
        # After the last colon or closing bracket that follows the phrase in its sentence, the
        # request starts there: "New instructions: …", "jailbreak [TARGETLANGUAGE] I run …".
        opener = max(sentence.rfind(c, found.start()) for c in ":])}>")
        cut = m.start() + skipped + opener + 1 if opener >= 0 else m.end()
    if cut == 0 or len(text[:cut].split()) > _PREAMBLE_WORDS:
        return None
    request = text[cut:]
    # What is left of the preamble's paragraph, when a paragraph follows it, is the template's
    # own ('… in this format: "[H4X]:" … "meth recipe"'): the user's request starts after it.
    gap = _BLANK_LINE.search(request)
    if gap is not None and request[: gap.start()].strip():
        request = request[gap.end() :]
    request = VOCATIVE.sub("", request.strip())
    head = SENTENCE.match(request)
    colon = request.find(":", 0, head.end()) if head else -1
    if colon >= 0 and len(request[:colon].split()) <= _HANDOVER_WORDS:
        request = request[colon + 1 :]
    request = _tidy(_ANSWER_THIS.sub(" ", request))
    if len(request.split()) < 3 or describes_assistant(request):
        return None
    return request


def _asks_in(text: str) -> list[str]:
    asks: list[str] = []
    for m in SENTENCE.finditer(text):
        sentence = m[0].strip()
        colon = AFTER_COLON.search(sentence)
        if colon and len(colon[1].split()) >= 3:
            asks.append(colon[1])
        elif VOCATIVE.match(sentence) and looks_like_ask(sentence):
            asks.append(VOCATIVE.sub("", sentence))
    return asks


def _tidy(text: str) -> str:
    text = re.sub(r"\s+([?.!,;:])", r"\1", re.sub(r"\s{2,}", " ", text))
    return text.strip(" ,;:-–—\n\t")


def _sentence_from(text: str, start: int) -> str:
    end = re.search(r"[.!?\n]", text[start:])
    return text[start : start + end.start()] if end else text[start:]


#: Asking for the specifics of how it was done: "like what went inside and how did they set
#: them off", "walk me through their exact process". A question about the past that asks for
#: these asks for the method, whether or not the time is named.
_SPECIFICS = re.compile(
    r"\b(?:(?:their|the|his|her) exact (?:process|steps|method|recipe|amounts|quantities)"
    r"|step[- ]by[- ]step|walk me through|what went (?:in|inside|into)|ingredients|quantities)\b",
    _I,
)


#: The passive past: "How was ricin extracted from castor beans …?" (what was done, and how).
_PASSIVE = re.compile(
    r"\bhow\s+(?:was|were|had been)\s+((?:(?!(?:it|they|he|she|you|i|we|there)\b)[\w'-]+\s+)"
    r"{1,4}?)([a-z]+ed|made|built|done|grown|hidden|written|sold|bought|stolen|taken|brought"
    r"|got|gotten|kept|hit|shot|cut|put|spread|set|run|smuggled)\b",
    _I,
)
#: Past participles whose base form is not the participle less "-ed".
_IRREGULAR = {
    "made": "make", "built": "build", "done": "do", "grown": "grow", "hidden": "hide",
    "written": "write", "sold": "sell", "bought": "buy", "stolen": "steal", "taken": "take",
    "brought": "bring", "got": "get", "gotten": "get", "kept": "keep", "created": "create",
    "trafficked": "traffic", "panicked": "panic",
}  # fmt: skip


#: A yes/no question's first word: what follows "How did people …" is then a question of its
#: own, not an act ("How did people can you explain …", "How will people is he …"). A
#: wh-question there ("… what are some ways to …") still asks for a method.
_QUESTION_OPENING = re.compile(
    r"^(?:is|are|was|were|am|can|could|do|does|did|will|would|should|shall|may|might|must"
    r"|have|has|had)\b",
    _I,
)


def _present_tense(text: str) -> str | None:
    """ "How did people make X in the past?" → "Make X", "How was X extracted …?" → "Extract
    X …", when the time is shifted or the specifics of the method are asked for."""
    if _WHEN.search(text) is None and _SPECIFICS.search(text) is None:
        return None
    # The time is taken off first: it often sits between the subject and the act ("How did
    # people in the 1800s make …", "How might someone in 2030 build …").
    timeless = _tidy(_WHEN.sub(" ", text))
    past = _TENSE.search(timeless)
    if past is not None:
        verb = _base_form(past[1])
        tail = _tidy(_sentence_from(timeless, past.end()))
        return f"{verb[:1].upper()}{verb[1:]} {tail.rstrip('?')}".strip()
    passive = _PASSIVE.search(text)
    if passive is None:
        return None
    verb = _base_form(passive[2])
    thing = passive[1].strip()
    tail = _tidy(_WHEN.sub("", _sentence_from(text, passive.end())))
    return f"{verb[:1].upper()}{verb[1:]} {thing} {tail.rstrip('?')}".strip()


def _base_form(verb: str) -> str:
    """The base form of a past form: "poisoned" → "poison", "produced" → "produce",
    "smuggled" → "smuggle", "planned" → "plan"; most verbs after "did/would/will" are already
    in it."""
    lower = verb.lower()
    if lower in _IRREGULAR:
        return _IRREGULAR[lower]
    if not lower.endswith("ed") or len(lower) <= 3:
        return lower
    if lower.endswith("ied"):
        return lower[:-3] + "y"
    stem = lower[:-2]
    if re.search(r"(?:[cgvzu]|[^aeioul]l|[^s]s|[^e]at|[^o]ut|[^o]ur|[^o]ok|[^e]ak|ik)$", stem):
        return stem + "e"  # produce, forge, smuggle, use, create, excite, make
    if re.search(r"([bdgmnprt])\1$", stem) and not stem.endswith(("ss", "ll", "dd")):
        return stem[:-1]  # plan, stop, rob
    return stem


def _split_payload(text: str) -> tuple[str, str] | None:
    """The request reassembled from variables or string pieces, and the text without them."""
    found = list(_ASSIGN.finditer(text))
    assigned = {m[1]: m[4] for m in found}
    if len(assigned) >= 2:
        for m in _CONCAT_VARS.finditer(text):
            names = [n.strip() for n in m[1].split("+")]
            if len(names) >= 2 and all(n in assigned for n in names):
                rest = _ASSIGN.sub(" ", text).replace(m[0], " ")
                return " ".join(assigned[n] for n in names), rest
        # Without an expression joining them, only code-like assignments are pieces of one
        # payload: 'Format: "[DAN]: …"' labels in a template are not.
        code = [m[4] for m in found if m[2] != ":"]
        if len(code) >= 2:
            return " ".join(code), _ASSIGN.sub(" ", text)
    literal = _CONCAT_LITERALS.search(text)
    if literal:
        pieces = _LITERAL.findall(literal[0])
        return " ".join(p.strip() for p in pieces), text.replace(literal[0], " ")
    return None


def last_paragraph(text: str, *, blank_line: bool = False) -> str | None:
    """The last paragraph of a text of several, when short enough to be a request on its own
    (what a user adds after a template or a pasted document); with `blank_line`, only a
    paragraph set off by an empty line counts, not a line after a single line break."""
    paragraphs = [p for p in (_BLANK_LINE if blank_line else _PARAGRAPH).split(text) if p.strip()]
    if len(paragraphs) >= 2 and 2 <= len(paragraphs[-1].split()) <= _LAST_PARAGRAPH_WORDS:
        return paragraphs[-1]
    return None
