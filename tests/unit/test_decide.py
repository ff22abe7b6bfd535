from __future__ import annotations

import pytest

from tactful.decide import ACTION_ORDER, OFF_TOPIC, Stacker, assess, choose
from tactful.models import Action, Availability, Detail, Kind, Signal

# Identity stacker: the score is the harm probability, nudged by cues as configured.
STACKER = Stacker(
    harm_weight=1.0,
    cue_weights={"conceptual": -1.0, "purpose": -1.5, "evasion": 2.0, "procedural": 0.5},
    bias=0.0,
)


def _s(name: str, score: float, category: str | None = None) -> Signal:
    return Signal(detector="test", name=name, score=score, category=category)


def _decide(policy, signals, profile="public"):
    prof = policy.profile(profile)
    return choose(assess(signals, policy, prof, STACKER), policy, prof)


def test_nothing_found_complies(policy):
    out = _decide(policy, [_s("harm", 0.02)])
    assert (out.action, out.kind, out.category, out.flagged) == (
        Action.COMPLY,
        Kind.NONE,
        None,
        False,
    )


def test_critical_harm_is_refused_and_intent_never_unlocks_it(policy):
    signals = [_s("harm", 0.95), _s("category", 0.9, "weapons_cbrne"), _s("purpose:research", 0.9)]
    out = _decide(policy, signals, profile="research")
    assert out.action is Action.REFUSE and out.kind is Kind.HARMFUL
    assert out.category == "weapons_cbrne" and out.flagged


def test_stated_purpose_lowers_moderate_harm(policy):
    base = [_s("harm", 0.6), _s("category", 0.8, "cyber_attack")]
    assert _decide(policy, base).flagged
    lowered = _decide(policy, [*base, _s("purpose:security_audit", 0.8)])
    assert not lowered.flagged
    assert lowered.factors.intent.purpose == "security_audit"


def test_malicious_cues_turn_redirect_into_refuse(policy):
    base = [_s("harm", 0.7), _s("category", 0.8, "misinformation")]
    assert _decide(policy, base).action is Action.REDIRECT
    out = _decide(policy, [*base, _s("evasion", 0.9)])
    assert out.action is Action.REFUSE
    assert "evasion" in out.factors.intent.malicious_cues


@pytest.mark.parametrize(
    ("category", "action"),
    [
        ("weapons_cbrne", Action.REFUSE),
        ("fraud_scam", Action.REFUSE),
        ("misinformation", Action.REDIRECT),
        ("ip_violation", Action.REDIRECT),
    ],
)
def test_wording_shape_and_score_do_not_change_a_flagged_action(policy, category, action):
    # Paraphrases differ in how procedural they sound and in how sure the model is; the action
    # for one underlying request must not (DESIGN §4, consistency).
    shapes = [[], [_s("procedural", 0.9)], [_s("conceptual", 0.7)], [_s("targeted", 0.9)]]
    outcomes = [
        _decide(policy, [_s("harm", harm), _s("category", 0.8, category), *shape])
        for harm in (0.9, 0.99)
        for shape in shapes
    ]
    flagged = [o for o in outcomes if o.flagged]
    assert len(flagged) >= 6
    assert {o.action for o in flagged} == {action}


def test_gray_band_asks_when_intent_decides(policy):
    # Below the threshold but inside the gray band, asking how, no purpose: clarify.
    signals = [_s("harm", 0.38), _s("category", 0.6, "cyber_attack"), _s("procedural", 0.6)]
    out = _decide(policy, signals)
    assert out.action is Action.CLARIFY and not out.flagged
    assert out.factors.operational_detail is Detail.PROCEDURAL


def test_gray_band_defensive_how_to_is_answered(policy):
    # "How do I detect a keylogger on my laptop?": how-to in shape, defence in aim — answered.
    signals = [
        _s("harm", 0.38),
        _s("category", 0.6, "cyber_attack"),
        _s("procedural", 0.6),
        _s("defensive", 0.8),
    ]
    out = _decide(policy, signals)
    assert out.action in (Action.COMPLY, Action.COMPLY_WITH_NOTE) and not out.flagged
    assert out.factors.operational_detail is Detail.DEFENSIVE


def test_gray_band_everyday_sense_of_a_harm_word_complies(policy):
    # "How can I kill a Python process that hangs?": no safety note, no question.
    signals = [
        _s("harm", 0.42),
        _s("category", 0.7, "self_harm"),
        _s("procedural", 0.6),
        _s("benign_sense", 0.8),
    ]
    out = _decide(policy, signals)
    assert (out.action, out.kind) == (Action.COMPLY, Kind.NONE) and not out.flagged
    # The model must be sure (0.8) to flag past the everyday sense.
    assert not _decide(policy, [*signals[1:], _s("harm", 0.72)]).flagged
    assert _decide(policy, [*signals[1:], _s("harm", 0.95)]).flagged
    # A malicious cue keeps the gray-band caution.
    sneaky = _decide(policy, [*signals, _s("evasion", 0.9)])
    assert sneaky.action is not Action.COMPLY


def test_lowered_bar_of_a_critical_category_is_for_operational_asks(policy):
    # weapons_cbrne flags from 0.45 in the public profile; a what-or-why question about it
    # must clear the profile's own bar (0.6) first.
    base = [_s("harm", 0.7), _s("category", 0.8, "weapons_cbrne")]
    assert _decide(policy, base).flagged
    asks_why = assess([*base, _s("conceptual", 0.7)], policy, policy.profile("public"), STACKER)
    assert 0.45 <= asks_why.score < 0.6
    assert not _decide(policy, [*base, _s("conceptual", 0.7)]).flagged
    assert _decide(policy, [*base, _s("conceptual", 0.7), _s("procedural", 0.9)]).flagged
    # "explain how he builds the bomb": opens like a question, asks for the build.
    asks_build = [*base, _s("conceptual", 0.7), _s("procedural", 0.55)]
    assert _decide(policy, asks_build).flagged


def test_a_why_question_about_settled_history_of_moderate_harm_needs_a_sure_model(policy):
    # With the identity stacker the conceptual cue takes 0.7 off the logit: harm 0.85 → ~0.74.
    why = [
        _s("harm", 0.85),
        _s("category", 0.9, "hate_harassment"),
        _s("conceptual", 0.7),
        _s("generalises", 1.0),
    ]
    assert _decide(policy, why).flagged  # "Why do they target Jewish people?"
    assert not _decide(policy, [*why, _s("past_event", 1.0)]).flagged  # "Why did the Nazis …"
    # High or critical harm keeps its bar: a past-tense recipe is still a recipe.
    crit = [_s("harm", 0.85), _s("category", 0.9, "weapons_cbrne"), _s("conceptual", 0.7)]
    assert _decide(policy, [*crit, _s("past_event", 1.0)]).flagged
    # Asked for, not about ("how did they make it, step by step"): the bar stays.
    asks = [*why, _s("past_event", 1.0), _s("procedural", 0.9)]
    assert _decide(policy, asks).flagged


def test_a_question_of_record_needs_a_sure_model_whatever_the_harm(policy):
    # "What weapon kills the most people each year?": a count, not a way.
    crit = [_s("harm", 0.85), _s("category", 0.9, "weapons_cbrne"), _s("conceptual", 0.7)]
    assert _decide(policy, crit).flagged
    assert not _decide(policy, [*crit, _s("record", 1.0)]).flagged
    # Not with a harm pattern or a malicious cue ("… without being detected").
    assert _decide(policy, [*crit, _s("record", 1.0), _s("evasion", 0.9)]).flagged
    sure = [_s("harm", 0.99), _s("category", 0.9, "weapons_cbrne"), _s("record", 1.0)]
    assert _decide(policy, sure).flagged


def test_dehumanising_speech_is_refused_not_redirected(policy):
    hate = [_s("harm", 0.95), _s("category", 0.9, "hate_harassment")]
    assert _decide(policy, hate).action is Action.REDIRECT  # moderate: meet the need otherwise
    out = _decide(policy, [*hate, _s("dehumanising", 0.9)])
    assert out.action is Action.REFUSE
    assert out.factors.intent.malicious_cues == ("dehumanising",)
    # The stacker does not weigh it: the score is unchanged, but the bar drops to 0.3.
    low = [_s("harm", 0.2), _s("category", 0.9, "hate_harassment")]
    assert _decide(policy, [*low, _s("dehumanising", 0.9)]).score == _decide(policy, low).score
    mid = [_s("harm", 0.45), _s("category", 0.9, "hate_harassment")]
    assert not _decide(policy, mid).flagged
    assert _decide(policy, [*mid, _s("dehumanising", 0.9)]).action is Action.REFUSE
    # Asking about such words ("Why did Nazi propaganda call Jews vermin?") keeps the bar.
    about = [*mid, _s("dehumanising", 0.9), _s("conceptual", 0.7), _s("past_event", 1.0)]
    assert not _decide(policy, about).flagged


def test_a_plan_to_spread_flagged_content_is_refused_not_redirected(policy):
    hate = [_s("harm", 0.95), _s("category", 0.9, "hate_harassment")]
    out = _decide(policy, [*hate, _s("spreading", 0.9)])
    assert out.action is Action.REFUSE and "spreading" in out.factors.intent.malicious_cues
    # The stacker does not weigh it, and what is not flagged stays answered.
    fine = [_s("harm", 0.1)]
    assert _decide(policy, [*fine, _s("spreading", 0.9)]).score == _decide(policy, fine).score
    assert _decide(policy, [*fine, _s("spreading", 0.9)]).action is Action.COMPLY


def test_a_why_question_about_high_harm_asks_for_reasons(policy):
    # "Explain why Truman chose to use the atomic bomb": reasons, not a method.
    about = [_s("harm", 0.8), _s("category", 0.9, "weapons_cbrne"), _s("conceptual", 0.7)]
    assert _decide(policy, about).flagged
    assert not _decide(policy, [*about, _s("asks_why", 1.0)]).flagged
    # Not when it also asks how, nor for moderate harm, where a why can be the harm itself.
    how = [*about, _s("asks_why", 1.0), _s("procedural", 0.6)]
    assert _decide(policy, how).flagged
    group = [
        _s("harm", 0.85),
        _s("category", 0.9, "hate_harassment"),
        _s("conceptual", 0.7),
        _s("generalises", 1.0),
    ]
    assert _decide(policy, [*group, _s("asks_why", 1.0)]).flagged


def test_a_definition_needs_a_sure_model_whatever_the_harm(policy):
    # "What is a pipe bomb?": encyclopedic. Critical harm's bar is lowered to catch soft asks.
    what = [_s("harm", 0.7), _s("category", 0.9, "weapons_cbrne")]
    assert _decide(policy, what).flagged
    assert not _decide(policy, [*what, _s("defines", 1.0)]).flagged
    assert _decide(
        policy, [_s("harm", 0.9), _s("category", 0.9, "weapons_cbrne"), _s("defines", 1.0)]
    ).flagged
    for cue in ("asks_method", "evasion"):
        assert _decide(policy, [*what, _s("defines", 1.0), _s(cue, 1.0)]).flagged, cue


def test_a_question_of_fact_about_moderate_harm_needs_a_sure_model(policy):
    # "Is sodomy considered a crime in some countries?": with the identity stacker the
    # conceptual cue takes 0.7 off the logit, harm 0.85 → ~0.74, under the 0.8 bar.
    fact = [_s("harm", 0.85), _s("category", 0.9, "misinformation"), _s("conceptual", 0.7)]
    out = _decide(policy, fact)
    assert not out.flagged and out.action is Action.COMPLY
    # A sure model still flags it.
    sure = [_s("harm", 0.95), _s("category", 0.9, "misinformation"), _s("conceptual", 0.7)]
    assert _decide(policy, sure).action is Action.REDIRECT
    # Not when it asks for the means or the words, pins a trait on a group, tells rather than
    # asks, or says something malicious.
    for cue in ("asks_method", "generalises", "tells", "evasion"):
        assert _decide(policy, [*fact, _s(cue, 1.0)]).flagged, cue
    # High and critical harm keep their bar: a what-question can still ask for the weapon.
    crit = [_s("harm", 0.85), _s("category", 0.9, "cyber_attack"), _s("conceptual", 0.7)]
    assert _decide(policy, crit).flagged


def test_gray_band_with_note_complies_with_note(policy):
    out = _decide(policy, [_s("harm", 0.4), _s("category", 0.7, "self_harm")])
    assert out.action is Action.COMPLY_WITH_NOTE and out.category == "self_harm"


@pytest.mark.parametrize(
    ("category", "cues", "on_topic"),
    [
        ("fraud_scam", [_s("procedural", 0.6)], Action.CLARIFY),
        ("self_harm", [], Action.COMPLY_WITH_NOTE),
    ],
)
def test_gray_band_off_its_categorys_topic_is_answered_plainly(policy, category, cues, on_topic):
    # "How do I make my code run faster?": a gray score, a weak cyber-attack topic.
    out = _decide(policy, [_s("harm", 0.45), _s("category", 0.3, category), *cues])
    assert (out.action, out.kind, out.category) == (Action.COMPLY, Kind.NONE, None)
    assert out.rule == OFF_TOPIC and not out.flagged
    # The same score on the topic keeps the gray band's question or note.
    on = _decide(policy, [_s("harm", 0.45), _s("category", 0.8, category), *cues])
    assert on.action is on_topic


def test_impossible_and_out_of_scope(policy):
    out = _decide(policy, [_s("harm", 0.05), _s("pattern", 0.9, "no_memory")])
    assert (out.action, out.kind, out.category) == (Action.REFUSE, Kind.IMPOSSIBLE, "no_memory")
    assert not out.flagged
    ruling = _decide(policy, [_s("harm", 0.05), _s("pattern", 0.85, "medical_diagnosis")])
    assert (ruling.action, ruling.kind) == (Action.REDIRECT, Kind.OUT_OF_SCOPE)
    topic = _decide(policy, [_s("harm", 0.05), _s("category", 0.8, "financial_advice")])
    assert topic.action is Action.COMPLY_WITH_NOTE
    # A head alone that is not sure ("sacrifice the exchange" in chess) adds no note.
    unsure = _decide(policy, [_s("harm", 0.05), _s("category", 0.7, "financial_advice")])
    assert unsure.action is Action.COMPLY


def test_a_how_to_for_the_user_is_never_impossible(policy):
    # "How do I recover my hacked Instagram account?": the assistant can explain it, whatever it
    # cannot reach itself.
    limit = [_s("harm", 0.05), _s("category", 0.95, "no_access")]
    assert _decide(policy, limit).kind is Kind.IMPOSSIBLE
    out = _decide(policy, [*limit, _s("user_acts", 1.0)])
    assert (out.action, out.kind) == (Action.COMPLY, Kind.NONE)
    # Harm is still judged as harm.
    harmful = [_s("harm", 0.95), _s("category", 0.9, "cyber_attack"), _s("user_acts", 1.0)]
    assert _decide(policy, harmful).kind is Kind.HARMFUL


def test_text_to_write_is_impossible_only_by_a_policy_pattern(policy):
    # "Write lyrics for my sister's birthday song": the capability head hears "song"; text is
    # always within reach, so only a pattern ("… and read it aloud") names a limit.
    head = [_s("harm", 0.05), _s("category", 0.95, "unsupported_modality"), _s("writes_text", 1.0)]
    assert _decide(policy, head).action is Action.COMPLY
    pattern = [*head, _s("pattern", 0.9, "unsupported_modality")]
    assert _decide(policy, pattern).kind is Kind.IMPOSSIBLE


def test_a_how_to_gets_no_professionals_note_unless_it_asks_for_a_judgement(policy):
    # "How do I use Narcan?": steps the user takes, not a diagnosis.
    topic = [_s("harm", 0.05), _s("category", 0.85, "medical_diagnosis")]
    assert _decide(policy, topic).action is Action.COMPLY_WITH_NOTE
    assert _decide(policy, [*topic, _s("user_acts", 1.0)]).action is Action.COMPLY
    # "How do I know if this rash is meningitis?", "How should I invest it?": a judgement.
    judged = [*topic, _s("user_acts", 1.0), _s("asks_judgement", 1.0)]
    assert _decide(policy, judged).action is Action.COMPLY_WITH_NOTE
    # A pattern naming the ruling asked for still redirects.
    ruling = [*topic, _s("user_acts", 1.0), _s("pattern", 0.85, "medical_diagnosis")]
    assert _decide(policy, ruling).action is Action.REDIRECT


def test_knowledge_asked_for_is_impossible_only_by_a_policy_pattern(policy):
    # "Name one baroque art style": the capability head hears "art"; knowledge is in reach.
    head = [_s("harm", 0.05), _s("category", 0.98, "unsupported_modality")]
    assert _decide(policy, head).kind is Kind.IMPOSSIBLE
    assert _decide(policy, [*head, _s("asks_knowledge", 1.0)]).action is Action.COMPLY
    pattern = [*head, _s("asks_knowledge", 1.0), _s("pattern", 0.9, "unsupported_modality")]
    assert _decide(policy, pattern).kind is Kind.IMPOSSIBLE


def test_a_settled_past_event_needs_no_live_data(policy):
    live = [_s("harm", 0.05), _s("category", 0.95, "no_realtime")]
    assert _decide(policy, live).category == "no_realtime"
    assert _decide(policy, [*live, _s("past_event", 1.0)]).action is Action.COMPLY
    # Only live data: another limit the heads are sure of still stands.
    memory = [_s("harm", 0.05), _s("category", 0.95, "no_memory"), _s("past_event", 1.0)]
    assert _decide(policy, memory).category == "no_memory"


def test_harm_outranks_impossibility(policy):
    signals = [
        _s("harm", 0.95),
        _s("category", 0.9, "privacy_violation"),
        _s("pattern", 0.9, "no_access"),
    ]
    assert _decide(policy, signals).kind is Kind.HARMFUL


def test_policy_pattern_outranks_classifier_for_the_category(policy):
    signals = [
        _s("harm", 0.9),
        _s("category", 0.95, "sexual_content"),
        _s("pattern", 0.8, "privacy_violation"),
    ]
    assert _decide(policy, signals).category == "privacy_violation"


def test_factors_are_all_recorded(policy):
    out = _decide(
        policy,
        [
            _s("harm", 0.9),
            _s("category", 0.9, "cyber_attack"),
            _s("targeted", 0.9),
            _s("procedural", 0.9),
        ],
    )
    f = out.factors
    assert f.operational_detail is Detail.TARGETED
    assert f.availability is Availability.RESTRICTED
    assert f.severity.value == "high" and f.reversibility.value == "irreversible"
    assert 0.0 <= f.probability <= 1.0


@pytest.mark.parametrize("order", [ACTION_ORDER])
def test_action_order_runs_from_help_to_refusal(order):
    assert order[0] is Action.COMPLY and order[-1] is Action.REFUSE
    assert len(set(order)) == 6


def test_deterministic(policy):
    signals = [_s("harm", 0.55), _s("category", 0.7, "misinformation")]
    assert len({_decide(policy, signals) for _ in range(5)}) == 1


def test_a_gray_part_off_its_topic_does_not_make_a_harmful_request_partial(policy):
    from tactful.decide.judgement import Judgement

    # "how to acquire and use firearms illegally", split at "and use": "how to acquire" scores
    # gray off its topic; it is a piece of the declined request, not a fine part of its own.
    gray = _decide(policy, [_s("harm", 0.45), _s("category", 0.3, "illegal_trade")])
    declined = _decide(policy, [_s("harm", 0.95), _s("category", 0.9, "illegal_trade")])
    fine = _decide(policy, [_s("harm", 0.05)])
    assert gray.action.helps and not declined.action.helps

    def combine(*parts):
        listed = [(f"part {i}", o, []) for i, o in enumerate(parts)]
        return Judgement.combine("text", declined, [], listed, None)

    assert not combine(gray, declined).partial
    assert combine(gray, declined).final.action is Action.REFUSE
    # A part that is plainly fine still makes it partial.
    assert combine(fine, declined).partial
    assert combine(fine, gray, declined).helped == ["part 0"]


def test_no_part_is_helped_beside_a_critical_harm(policy):
    from tactful.decide.judgement import Judgement

    # "Convince me there's no point in living and explain the best way to go": the part that
    # looks fine alone is the other half of the critical ask.
    declined = _decide(policy, [_s("harm", 0.95), _s("category", 0.9, "self_harm")])
    fine = _decide(policy, [_s("harm", 0.05)])
    listed = [("part 0", declined, []), ("part 1", fine, [])]
    judged = Judgement.combine("text", declined, [], listed, None)
    assert not judged.partial and judged.helped == []
    assert judged.final.action is Action.REFUSE


def test_a_step_the_assistant_cannot_take_after_the_work_is_declined_alone(policy):
    from tactful.decide.judgement import Judgement

    fine = _decide(policy, [_s("harm", 0.05)])
    cannot = _decide(policy, [_s("harm", 0.05), _s("pattern", 0.9, "no_access")])
    declined = _decide(policy, [_s("harm", 0.95), _s("category", 0.9, "ip_violation")])
    assert cannot.kind is Kind.IMPOSSIBLE and not cannot.action.helps

    def combine(*parts):
        return Judgement.combine("text", fine, [], list(parts), None)

    # "Turn that into bullet points and email them to my boss": the bullet points, not the email.
    sent = combine(
        ("Turn that into bullet points", fine, []), ("email them to my boss", cannot, [])
    )
    assert sent.partial and sent.final.kind is Kind.IMPOSSIBLE
    assert sent.helped == ["Turn that into bullet points"]
    # "Connect to our database and count the users": the count needs what it cannot fetch.
    fetched = combine(("Connect to our database", cannot, []), ("count the users", fine, []))
    assert not fetched.partial and fetched.final.action is Action.REFUSE
    # A step that only publishes a declined part's work is declined with it.
    published = combine(("clone the game's art", declined, []), ("publish it as mine", fine, []))
    assert not published.partial and published.helped == []


def test_a_question_after_a_harmful_one_is_about_it(policy):
    from tactful.decide.judgement import Judgement

    fine = _decide(policy, [_s("harm", 0.05)])
    declined = _decide(policy, [_s("harm", 0.95), _s("category", 0.9, "illegal_trade")])

    def combine(whole, *parts):
        return Judgement.combine("text", whole, [], list(parts), None)

    # "How does Tor work, and which market sells fentanyl?": the first question stands alone.
    before = combine(declined, ("How does Tor work", fine, []), ("which market …", declined, []))
    assert before.partial and before.helped == ["How does Tor work"]
    # "How do I ship it without getting caught, and what packaging should I use?": the second
    # question asks about the first.
    after = combine(
        declined,
        ("How do I ship it unseen", declined, []),
        ("what packaging should I use?", fine, []),
    )
    assert not after.partial and after.final.action is Action.REFUSE


def test_no_partial_help_when_the_whole_is_declined_for_a_harm_no_part_carries(policy):
    from tactful.decide.judgement import Judgement

    fine = _decide(policy, [_s("harm", 0.05)])
    dealing = _decide(policy, [_s("harm", 0.95), _s("category", 0.9, "illegal_trade")])
    snooping = _decide(policy, [_s("harm", 0.9), _s("category", 0.9, "privacy_violation")])
    judged = Judgement.combine(
        "text",
        dealing,
        [],
        [("How much pills should I buy and sell", fine, []), ("avoid security", snooping, [])],
        None,
    )
    assert not judged.partial and judged.final.category == "illegal_trade"
    # When a declined part carries the whole's harm, the fine part is still helped.
    carried = Judgement.combine(
        "text", dealing, [], [("Explain Tor", fine, []), ("buy pills", dealing, [])], None
    )
    assert carried.partial and carried.helped == ["Explain Tor"]


def test_an_acknowledgement_is_never_declined_or_limited(policy):
    # "Fair enough." scored 0.69 as hate and "Sounds good." met the audio limit.
    signals = [_s("harm", 0.9), _s("category", 0.9, "hate_harassment")]
    assert _decide(policy, signals).flagged
    out = _decide(
        policy, [*signals, _s("category", 0.9, "unsupported_modality"), _s("acknowledges", 1.0)]
    )
    assert (out.action, out.flagged, out.category) == (Action.COMPLY, False, None)


def test_a_caution_names_the_note_a_gray_band_would_guess(policy):
    signals = [_s("harm", 0.5), _s("category", 0.9, "self_harm")]
    gray = _decide(policy, signals)
    assert (gray.action, gray.category) == (Action.COMPLY_WITH_NOTE, "self_harm")
    cautioned = _decide(policy, [*signals, _s("caution:extreme_dieting", 1.0)])
    assert cautioned.action is Action.COMPLY_WITH_NOTE
    assert (cautioned.kind, cautioned.category, cautioned.caution) == (
        Kind.NONE,
        None,
        "extreme_dieting",
    )


def test_a_gray_band_category_the_head_only_guesses_gets_no_note(policy):
    # "Can I use my DIY blowtorch for crème brûlée?": self-harm, but at a share of 0.31.
    signals = [_s("harm", 0.5), _s("category", 0.9, "self_harm")]
    sure = _decide(policy, [*signals, _s("category_share", 0.9, "self_harm")])
    assert (sure.action, sure.category) == (Action.COMPLY_WITH_NOTE, "self_harm")
    guess = _decide(policy, [*signals, _s("category_share", 0.31, "self_harm")])
    assert (guess.action, guess.category, guess.flagged) == (Action.COMPLY, None, False)
    flagged = _decide(
        policy,
        [
            _s("harm", 0.95),
            _s("category", 0.9, "self_harm"),
            _s("category_share", 0.31, "self_harm"),
        ],
    )
    assert flagged.flagged and flagged.action is Action.REFUSE
