"""Safety triage: runs on every question before retrieval.

Order matters: red flags first (an emergency message, never article text),
then requests for personal medical advice (declined, sent to a doctor), then
a check for claims about cures, which adds a fixed caution to the answer.

How red flags are told from look-alike questions:

* Self-harm phrases ("kill myself", "want to die") are always red flags.
* Symptom phrases (chest pain, face drooping, can't breathe, throat swelling,
  heavy bleeding, seizure, passed out) are red flags when they are *reported*:
  the message names a person (I, my dad, she, someone), says it is happening
  (now, suddenly, help), or is a bare symptom with no question framing. A
  general question with no person in it ("is chest pain a side effect of
  exosomes?") is not.
* Events that are also topics (heart attack, stroke, seizure) are red flags when
  happening now ("I think I'm having a stroke"), said with urgency, or sent alone
  ("heart attack"), never as the subject of a question ("can exosomes help after a
  heart attack?", "what is a stroke?").
* A message that is only a cry for help ("911", "emergency", "help") is a red flag.

Rules miss what they were not written for: new phrasings found in review go into
``tests/data/red_flags.txt`` (and look-alikes into ``safe_lookalikes.txt``) with a fix.

Typos are handled by mapping near-miss words to the terms above before matching.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass

from .answer import EMERGENCY, PERSONAL_ADVICE
from .config import Settings
from .words import CHAT_SPEAK


KEY_TERMS = [
    "chest", "pain", "pressure", "breathe", "breathing", "breath", "drooping", "droopy", "slurred", "slurring",
    "seizure", "seizures", "unconscious", "unresponsive", "bleeding", "suicide", "suicidal", "swelling",
    "swollen", "throat", "tongue", "allergic", "allergy", "allergies", "anaphylaxis", "numbness", "weakness",
    "fainted", "collapsed", "overdose", "overdosed", "dosage", "inject", "injection", "myself", "stroke", "attack",
    "convulsing", "life",  # "lfie": a swap of two letters (words this short are not matched by closeness)
]
# Medical misspellings on top of the shared chat-speak map.
TYPOS = {**CHAT_SPEAK, "siezure": "seizure", "seizer": "seizure", "siezures": "seizures", "seziure": "seizure",
         "diffculty": "difficulty", "breth": "breath",
         # Words too short for the closeness check below, and dropped g's ("closin up"): a red flag
         # typed in a hurry is still one ("i want to kil myself").
         "kil": "kill", "kils": "kills", "kiling": "killing", "kiled": "killed", "pils": "pills",
         "suiside": "suicide", "suicde": "suicide", "haveing": "having", "havin": "having",
         "closin": "closing", "chokin": "choking", "bleedin": "bleeding", "breathin": "breathing",
         "swellin": "swelling", "dyin": "dying"}

PERSON = (r"\b(i|i'm|i've|i'd|me|my|mine|we|us|our|he|he's|she|she's|they|they're|his|her|him|their|them|"
          r"someone|somebody|anyone|mom|mum|mommy|dad|daddy|father|mother|son|daughter|husband|wife|partner|"
          r"boyfriend|girlfriend|friend|child|baby|kid|brother|sister|grandma|grandpa|grandmother|grandfather|"
          r"patient|neighbou?r|roommate|coworker|colleague)\b")
URGENT = (r"\b(now|right now|suddenly|sudden|just|urgent|hurry|emergency|ambulance|911|112|999|please|can't stop)\b"
          r"|^help\b|\bhelp (me|us)\s*[.!]*$|(^|[.!?,]\s*)help (me|us)\b|\b(please help|need help|someone help)\b"
          # A case put as "if ..." then said to be the writer's own: "what to do if my throat is closing up,
          # because it is", "... which it is", "it's happening".
          r"|\b(because|cause|cos|coz|since|as|which)\s+(it|that|this|he|she|they|i|my \w+)\s*"
          r"('s|'m|'re|is|am|are|does|do|has|have)\s*(now|right now|happening)?\s*[.!?]*$"
          r"|\b(it|this|that)('s| is) happening\b")
GENERAL_FRAME = (r"^(can|could|do|does|did|is|are|was|were|will|would|what|how|why|which|should|may|might|has|have)\b(?!')"
                 r".*"
                 r"\b(exosomes?|treatments?|therap(y|ies)|research|stud(y|ies|ied)|side effects?|cause|risk|"
                 r"common|normal|used|medicine|sign|signs|symptom|symptoms)\b")

# "Is it normal to have a stiff neck after treatment?" asks about a symptom someone has now.
EXPERIENCING = (r"\b(is it normal|is this normal|should i (be )?worr(y|ied)|is it (ok|okay|fine) to (have|feel|get))\b"
                r"|\bafter (the|my|this|that|an?) (treatment|injection|session|facial|procedure|shot)\b")

SELF_HARM = re.compile(
    r"\b(kill(ing)? (my ?self|me)|suicidal|end(ing)? (my (own )?life|it all)\b|end it all|"
    r"(take|taking|took) my (own )?life|"
    r"(want|wants|wanted|wanting) to die|wanna die|don't want to (live|be alive|wake up)|self[- ]?harm\w*|hurt(ing)? myself|"
    r"harm(ing)? myself|cut(ting)? myself|better off dead|no reason to live|overdose on purpose|"
    r"(going to|gonna|want to|will) end (it|things|everything)\b|no point (in )?(living|going on|being alive)|"
    r"(don't|do not) see the point (in|of) (living|life|going on|being alive)|don't want to be here anymore|"
    r"(there's|there is|theres) no point (anymore|any more|in anything)|(been|started|keep) cutting (again|myself)?|"
    r"(want|wish|need) (everything|it all|it|all of this|this|my life) to (end|stop|be over)|"
    r"(think|thinking|thought|thoughts) (about|of) (ending it|ending things|ending everything|ending my life|"
    r"killing myself|not being here|not waking up)|"
    r"(going to|gonna|want to|will|about to) (take|swallow) (all|all of|every one of|the whole bottle of|a bottle of) "
    r"(my|the|these|those|his|her)? ?(pills|tablets|meds|medication|medicine|sleeping pills|painkillers)|"
    # Pills kept back for an overdose: "i have pills saved up", "stockpiling my meds".
    r"(pills|tablets|meds|medication|painkillers|sleeping pills) (saved|stored|hidden|stashed) (up|away)?|"
    r"(saving|saved|stockpil\w*|hoard\w*|collecting) (up )?(my |some |all my )?"
    r"(sleeping pills|pills|tablets|meds|medication|painkillers)|"
    r"ready to (use|take|swallow) (them|the pills|my pills|the tablets|it all)|"
    r"(plan|planning|planned) to (kill|hurt|end)|(wrote|written|writing) (a|my) (suicide |goodbye )?note|"
    r"(nobody|no one|noone) would (care|notice|miss me)|(better|be better) off without me|"
    # A farewell: "goodbye, i won't be here tomorrow", "i won't be around much longer".
    r"\bi (won'?t|will not) be (here|around|alive) (tomorrow|tonight|much longer|for (much|very) long|anymore|"
    r"by (tomorrow|morning|the weekend|next week))(?! (for|at|to|because|so)\b)|"  # not "... for my appointment"
    r"(jump|jumping) (off|from) (a|the) (bridge|building|roof|cliff|balcony)|hang(ing)? myself|shoot(ing)? myself|"
    # The means made ready, or a sleep with no waking: "i have the rope ready", "... and never wake up".
    r"(the|a|my) (rope|noose) (is )?(ready|tied|up|set up)|\bnoose\b|never (wake|waking) up|"
    r"(standing|sitting) on (the|a) (roof|ledge|edge|bridge)|disappear (forever|for good)|"
    r"(don't|do not|dont) want to (go on|carry on|keep going)|(can't|cannot|cant) go on\b|"
    r"(decided|ready|going|planning|about) to (end it|end my life|end things|end everything|die\s*[.!?]*$)|"
    r"(end|ending) things( tonight| now| today| for good)?\s*[.!?]*\s*$|"
    r"(better off|happier|easier) (if|when) i('m| am| was| were) (dead|gone)|(if|when) i('m| am| was| were) dead|"
    # Someone else: "my husband says he wants to hurt himself" (not "he hurt himself at the gym").
    r"(want|wants|wanted|wanting|going|gonna|trying|tried|try|threaten\w*|plan|plans|planning|planned|about|ready|"
    r"decided|talking about|talks about|talked about) (to )?(kill|killing|hurt|hurting|harm|harming|cut|cutting|hang|"
    r"hanging|shoot|shooting) (himself|herself|themselves|themself)|"
    r"kill(s|ed|ing)? (himself|herself|themselves|themself)|"
    r"(is|are|was|were|been|keeps|kept|started|starting) (cutting|hurting|harming|burning) (himself|herself|themselves)"
    r"(?! (a|an|some|the|his|her|their)\b)|"
    r"(end|ending|ends|take|taking|takes) (his|her|their) (own )?life|"
    r"(cut|cuts|cutting|slit|slitting|slashed) (my|his|her|their) wrists?)")
# Intent (thinking of, wanting, planning, ready ...) joined to an act of self-harm, in any verb form.
SELF_HARM_INTENT = re.compile(
    r"\b(think|thinking|thought|thoughts|want|wants|wanted|wanting|going|gonna|plan|plans|planning|planned|feel like|"
    r"ready|about|might|decided|wish|wishing)\b (about |of |on |to )?"
    r"((die|dying)(?! (my|the|your|her|his|their|hair|it|of)\b)|not (be|being) (alive|here|around)|"
    r"not (wake|waking) up|disappear(ing)?( forever)?\s*$|"
    r"(end|ending) (everything|it all|it|my life)\b|kill(ing)? myself|(hurt|hurting|harm|harming|cut|cutting) myself|"
    r"(take|taking|swallow|swallowing) (all )?(of )?my (own life|life|pills|tablets|meds|medication|sleeping pills)|"
    r"overdos\w*|(jump|jumping) off|hang(ing)? myself|suicide)")
SELF_HARM_GENERAL = re.compile(r"\bsuicid\w*\b")  # a red flag unless it is a question about research
RESEARCH = re.compile(r"\b(research|researched|study|studies|studied|prevention|statistics|rates?)\b")
SYMPTOMS = re.compile("|".join([
    r"\bchest (pain|pains|pressure|tightness|hurts?|hurting)",
    (r"\bchest (is|feels|has been|keeps) (really |very |so |super |a bit |kind of )?"
     r"(tight|hurting|crushing|heavy|sore|painful)"),
    r"\b(pain|pressure|tightness) in (my|his|her|the) chest", r"\bcrushing (pain|chest)",
    r"\bface (is |was |has |keeps )?(droop\w*|drooping|numb|lopsided|sagging)", r"\bdroop\w*",
    r"\b(can't|cannot|can not) feel (my|his|her|their) (left |right )?(side|arm|leg|face|hand)",
    r"\bnumb\w*\b.{0,30}\b(face|arm|leg|side)\b", r"\b(face|arm|leg|side)\b.{0,20}\bnumb\w*",
    r"\bchok(e|es|ed|ing)\b", r"\b(can't|cannot|can not) (move|lift|raise) (my|his|her|their) (arm|leg|face|hand)",
    r"\b(a lot of|lots of|so much|too much|loads of) blood\b", r"\b(i'm|i am|he's|he is|she's|she is|they're|they are|we're) dying\b",
    r"\bgoing to die\b", r"\bfeel(ing)? (faint|like (i'm|i am) (going to|gonna) (faint|pass out))",
    r"\b(tingl\w*|itch\w*|burning)\b.{0,25}\b(lips?|tongue|throat|mouth)\b",
    r"\b(lips?|tongue|throat|mouth)\b.{0,25}\b(tingl\w*|itch\w*|burning)",
    r"\bswallowed\b.{0,25}\b(bleach|poison\w*|pills|tablets|medication|medicine|chemicals?|cleaner|detergent|"
    r"batter(y|ies)|antifreeze)",
    r"\bslurr\w*", r"\bspeech (is |was )?(slurred|garbled|strange)", r"\bcan't (speak|talk) (properly|clearly|right)",
    r"\b(i|he|she|they|mum|mom|dad|\w+'s|my \w+) (can't|cannot|can not|isn't able to) (talk|speak)\s*(and|[.!,]|$)",
    r"\b(arm|leg|side) (is |went |has gone |feels )?(weak|numb|limp|dead|floppy)",
    r"\bnumb(ness)? (on|in|down) one side",
    r"\bone side of (my|his|her|their|the) (body|face) ",
    r"\b(can't|cannot|couldn't|can not|unable to|struggling to|hard to|difficult to|trouble|difficulty|problems?) "
    r"(breathe|breath|breathing|catch (my|his|her|a) breath|get (air|a breath))",
    r"\b(short|shortness) of breath", r"\b(not|stopped|isn't|wasn't) breathing", r"\bgasping",
    r"\b(lips?|tongue|throat|face|eyes?|mouth) (is |are |has |have |started |keeps )?(swell\w*|swollen|closing|"
    r"tight|puffing up|blowing up)", r"\bswell\w* (of|in|on) (my|his|her|the|their) (lips?|tongue|throat|face|mouth)",
    r"\banaphyla\w*", r"\ballergic reaction",
    # The clinical words staff use: "patient has stridor and facial angioedema".
    r"\bstridor\b", r"\bangio-?o?edema\b", r"\bbronchospasm\b", r"\blaryngeal o?edema\b", r"\bcyano(sis|tic)\b",
    r"\bsyncop\w*", r"\bhemi(paresis|plegia|plegic)\b",
    r"\b(throat|tongue|lips?|airway)\b.{0,30}\b(closing|closing up|swelling|swollen|"
    r"tight|tightening|blocked)", r"\bhives all over",
    r"\bbleeding (heavily|a lot|badly|won't stop|that won't stop|nonstop|everywhere|heavy)",
    r"\b(heavy|heavily|severe|uncontrolled|massive) bleeding", r"\bwon't stop bleeding", r"\bcan't stop (the )?bleeding",
    r"\bblood (everywhere|is pouring|pouring|gushing)", r"\bsoaked (in|with) blood", r"\bcoughing (up )?blood",
    r"\bseizure|\bseizing|\bconvuls\w*|\bfitting\b|\b(having|had|has) a fit\b",
    r"\bchest (feels|is|felt) like\b", r"\b(weight|elephant|someone|something) (on|sitting on|pressing on) my chest\b",
    r"\b(face|lips?|tongue|throat|eyes?|mouth) (has |have )?(blew|blown|puffed|swelled|ballooned) up\b",
    r"\b(face|mouth) (has |have )?(dropped|fallen|slumped)\b",
    r"\b(soaking|soaked|bleeding) through (the |my |his |her )?(bandage|dressing|towel|gauze|clothes)\b",
    r"\bunconscious|\bpassed out|\bfainted|\bunresponsive|\bnot responding|\bwon't wake (up)?|\bcollapsed|"
    r"\b(not|isn't|is not|won't) waking up|\bcan't wake (him|her|them|my \w+) up|"
    r"\b(can't|cannot|can not|couldn't|could not) (keep|get) (him|her|them|my \w+) awake|"
    r"\bblacked out|\blos(t|ing) consciousness|\bkeeps? passing out",
    r"\boverdos\w*", r"\btook (too|to|2) (many|much)",  # "to many": hurried typing
    (r"\b(took|swallowed|taken) (a|the|a whole|all|all the|all my|a handful of|a bottle of|a bunch of|"
     r"a lot of|lots of|too many|to many|an entire|the whole|all of|[1-9]\d+) "
     # "... all of my mum's sleeping tablets", "took 20 sleeping pills" (ten or more)
     r"?(bottle|pack|packet|box|handful|bunch|strip)? ?(of )?(my |his |her |their |the )?(\w+'s )?"
     r"(pills|tablets|meds|medication|medicine|poison|bleach|sleeping (pills|tablets)|painkillers|paracetamol|"
     r"acetaminophen|tylenol|ibuprofen|aspirin|antidepressants|insulin)"), r"\bpoison\w*",
    # Not hair going grey or white with age ("will exosomes stop my hair going grey").
    r"(?<!hair )\b(turning|turned|going|gone) (blue|grey|gray)",
    r"\b(lips|face|skin) (are |is |look |looks |looking |seem |seems )?(blue|grey|gray)",
    r"\b(worst|sudden|severe|really bad|terrible|excruciating|thunderclap) headache",
    r"\b(can't|cannot|couldn't) see\b", r"\b(lost|losing) (my |his |her )?(vision|sight)", r"\bsudden(ly)? blind",
    r"\bheart (is |keeps )?(racing|pounding|beating (really |very )?fast)",
    r"\bheart (is |feels like it'?s |feels like it is )?(going to|gonna|about to) (explode|burst|stop)",
    # Heart attack and stroke signs beyond the chest and the face.
    r"\b(left arm|jaw)\b.{0,25}\b(hurts?|hurting|pain|aching|aches)\b",
    r"\b(weakness|numbness) in (my|his|her|their) (left |right )?(arm|leg|side|face|hand)",
    r"\b(temperature|temp|fever) (is |of |was |at )?(39|40|41|42|103|104|105|106)\b",
    (r"\b(injection site|injection area|injected area|site|skin) (is|looks|has gone|went) (all )?"
     r"(black|dark purple|white|grey|gray)\b"),
    r"\bseeing (double|flashes)\b", r"\b(can't|cannot|can not) see out of\b",
    r"\b(vomiting|throwing up|coughing up|puking) blood\b", r"\bblood in (my |his |her )?(vomit|stool|poo|pee|urine)\b",
    r"\b(severe|terrible|excruciating|unbearable) (stomach|abdominal|belly|tummy) pain\b",
    # Signs of a spreading infection or meningitis after a procedure.
    r"\bfever\b.{0,40}\b(swollen|swelling|red|redness|hot|pus|spreading)\b",
    r"\b(swollen|swelling|red|redness|hot|pus|spreading)\b.{0,40}\bfever\b",
    r"\bred (and )?hot and swollen\b", r"\b(pus|oozing)\b.{0,30}\b(injection|site|wound|face|scalp)\b",
    r"\bspreading (redness|red|rash)\b", r"\bred streaks?\b",
    r"\bstiff neck\b.{0,60}\b(headache|fever|vomit\w*|rash)\b", r"\b(headache|fever|vomit\w*|rash)\b.{0,60}\bstiff neck\b",
    r"\bhigh (fever|temperature)\b", r"\bfever (and|with) (chills|shivering|shaking)\b",
    # An injection that blocked a blood vessel: sudden sight changes, skin turning dark.
    (r"\b(vision|sight|eyesight|eyes?) (is |are |went |has gone |have gone |going |got )?"
     r"(blurry|blurred|dark|black|double|fuzzy|grey|gray)\b"),
    r"\b(blurry|blurred|double|lost|losing) (vision|sight|eyesight)\b",
    r"(?<!hair )\b(turning|turned|going|gone|went) (black|dark purple|purple|white)\b",
    r"\bblister\w*\b.{0,30}\b(burn\w*|face|skin|scalp)\b", r"\b(burn\w*)\b.{0,20}\bblister\w*\b",
    r"\b(can't|cannot|can not|won't) stop (vomiting|throwing up|being sick)\b",
    r"\bsudden(ly)? (confusion|confused)\b", r"\b(can't|cannot|can not) speak\b",
    r"\b(swallowed|drank|drunk|ate|eaten|ingested)\b.{0,25}\b(serum|product|cream|solution|vial|exosomes?)\b",
    # Fainting, dehydration, shaking that will not stop, a skin reaction with fever, swallowing.
    r"\b(about to|going to|gonna|might|think i'?ll|feel like i'?ll) (pass out|faint|collapse|black out)\b",
    r"\b(can't|cannot|can not|unable to) keep (water|fluids|anything|food|liquids) down\b",
    r"\b(vomiting|throwing up|being sick) (for|all) (hours|the day|day|night|the night)\b",
    r"\b(shaking|trembling|twitching) (all over|uncontrollably)\b",
    r"\b(can't|cannot) stop (shaking|trembling|twitching)\b",
    r"\bpeeling\b.{0,40}\bfever\b|\bfever\b.{0,40}\bpeeling\b|\bpeeling (off )?in sheets\b",
    r"\b(trouble|difficulty|hard|can't|cannot|unable to|struggling to) (swallow|swallowing)\b",
    r"\btongue (feels |is |has gone )?(thick|heavy|huge|big|numb)\b",
    r"\b(cold and (white|pale|blue|grey|gray)|(white|pale) and cold)\b",
]))
# Warning signs by word rather than by phrase, for reports the phrases above did not foresee:
# one sign that is alarming alone, or two of the milder ones, in a message that reports them.
ALARMING = re.compile("|".join([
    r"\b(unresponsive|not responding|isn't responding|won't respond|not answering|won't answer|isn't answering)\b",
    r"\b(blacking out|blacked out|black out|keep fainting|keeps fainting|collaps\w*|keeled over)\b",
    r"\b(barely|hardly|can't|cannot|struggling to|trouble|difficulty) (breathe|breathing|breath|get air)\b",
    r"\bhives\b", r"\b(disorientated|disoriented|delirious)\b",
    # Confusion, but not about something ("confused about the dose", "confused by the article").
    r"\b(confused|confusion)\b(?!,? (about|by|with|why|what|how|whether|if|on|over|as to|regarding|between)\b)",
    r"\bhit (my|his|her|their) head\b", r"\bhead injury\b", r"\bblood in (it|my|his|her|the)\b",
    r"\b(skin|lips?|fingers?|toes?|nose|face|injection spot|injection site|spot|area) (is |are |went |has gone |"
    r"have gone |going |turning |turned )?(purple|blue|grey|gray|white|mottled|cold)\b",
    r"\b(can't|cannot|unable to|couldn't) (walk|stand|stand up|move (my|his|her))\b",
    r"\b(crushing|thunderclap|worst|explosive)\b.{0,20}\bheadache\b",
    r"\b(stiff neck|neck is stiff|neck (feels|went) stiff)\b",
    r"\b(load|lot|lots|bunch|handful|bottle|packet|pack) of (pills|tablets|meds|painkillers|paracetamol)\b",
    r"\b(lips?|tongue|throat|face) (feel|feels|are|is|look|looks) (huge|massive|enormous|swollen|tight|thick|numb)\b",
]))
MILD = re.compile(r"\b(dizzy|dizziness|light ?headed|spinning|vomit\w*|throwing up|been sick|headache|numb\w*|"
                  r"swell\w*|swollen|fever|temperature|rash|racing|pounding|bleeding|blood|chest|breath\w*|faint\w*|"
                  r"drowsy|sleepy|weak|weakness|confused|confusion)\b")
# "I'm confused" is how people say they do not understand: alone it is a mild sign, as others'
# confusion ("my mum is confused") is not.
OWN_CONFUSION = re.compile(r"\b(i'm|im|i am|i was|i get|i got|i feel|i'm feeling|im feeling|i'm getting|im getting)"
                           r"\s+(\w+\s+){0,2}?(confused|confusion)\b")
# "who can guide me on whether exosome therapy suits my health history" asks who advises, which the
# article answers (a qualified doctor); asking who can tell me my dose is still a request for a dose.
# So does "who's the right person to ask whether exosomes suit my medical history".
WHO_ADVISES = re.compile(r"^(who (can|could|should|would|will|do i|should i|can i) "
                         r"|(who's|whos|who is) the (right|best|correct|proper) (person|professional|one) "
                         r"(to |i should |i can )?)(\w+ ){0,2}"
                         r"(guide|advise|help|tell|talk|speak|see|ask|go to|check|consult)\b")
DOSING = re.compile(r"\b(dose|doses|dosage|dosing|mg|ml|units?|vials?|how much|how many|how often)\b")
# "If they feel faint", "in case someone ...": asking about a case, not reporting one.
HYPOTHETICAL = re.compile(r"\b(if|in case|what happens when|suppose|supposing|should someone)\b")
# A message that is nothing but a cry for help.
BARE_ALARM = re.compile(r"^(911|112|999|000|sos|help|help me|help!|emergency|urgent|ambulance|call 911|call an ambulance)$")
QUESTION_START = re.compile(r"^(what|how|why|when|where|which|who|can|could|do|does|did|is|are|was|were|will|would|"
                            r"should|may|might|has|have)\b(?!')")
EVENTS = re.compile(r"\b(heart attack|stroke|seizure|anaphylactic shock|cardiac arrest)s?\b")
EVENTS_NOW = re.compile(
    r"\b((having|is having|am having|are having|has just had|just had|think (i'm|i am|he's|he is|she's|she is|"
    r"they're|my \w+ is) having) (a )?(heart attack|stroke)|signs of (a )?stroke (right )?now)")

# What one decides about a treatment: "should i stop", "whether she should go ahead".
DECISIONS = (r"(start|stop|try|get|take|quit|continue|keep|switch|use|replace|skip|have|go|do|buy|choose|pick|apply|"
             r"add|combine|discontinue|cease|pause|resume|taper|wean off|pack in|give up|ditch|"
             r"put|rub|cancel|postpone|reschedule|delay|wait|book|"
             r"come off|drop|say yes|say no|agree|accept|go ahead|do it)\b")
# "How much/many" in the languages patients mix in: "cuántos ml should I inject in my scalp?".
# (Accents are dropped by ``normalise`` first.)
_HOW_MUCH_ABROAD = r"cuant[oa]s?|wie\s+viele?|combien(?:\s+de)?|quant[oa]s?|quant[ie]"
# What the writer may say something came from: "... from the exosome shot", "... caused by exosomes".
_FROM_EXOSOMES = r"(the |my |an? )?(exosomes?|(exosome )?(treatment|therapy|injection|shot|facial|session)s?)\b"
# The writer's (or a relative's) own condition, medicine or age, stated as a fact ...
_NOT_A_CONDITION = (
    r"(to|got|been|heard|read|seen|done|found|looked|noticed|tried|wondered|learned|learnt|asked|searched|"
    r"researched|watched|always|never|just|also|already|often|nothing|no idea|"
    r"(an? |any |some |one |another |a few |a couple of |more |two |few |no )?"
    r"(more |quick |small |simple |general |silly |follow[ -]up |last |other )?"
    r"(questions?|query|queries|concerns?|doubts?|worr(y|ies)|ideas?|thoughts?|friends?|time|money|look|feeling|"
    r"clinic|salon|spa|business|appointment|consultation|experience|article|interest|essay|presentation|"
    r"assignment|project|exam|homework|report|class|lecture))\b")
_HAD = (r"(an? )?(\w+ )?(cancer|tumou?rs?|stroke|heart attack|transplant|seizures?|blood clots?|(allergic )?reactions?|"
        r"anaphylaxis|surgery|operation|chemo\w*|radiotherapy|radiation)\b")
_RELATIVE = (r"my (son|daughter|child|kid|baby|boy|girl|teen|teenager|mum|mom|mother|dad|father|husband|wife|partner|"
             r"boyfriend|girlfriend|grandma|grandmother|gran|nan|grandad|grandpa|grandfather|sister|brother|aunt|uncle|"
             r"friend|patient|client)")
_AGE_AT_RISK = (r"(an? )?(1[0-7]|[1-9]|[6-9]\d|1[01]\d)([ -]?(years?|yrs?)[ -]?old)?\b"
                r"(?! ?(minutes?|mins?|hours?|hrs?|days?|weeks?|months?|percent|%|sessions?|treatments?))")
_CONDITION_IS = (
    r"(diabetic|pre-?diabetic|epileptic|asthmatic|an(a)?emic|hypertensive|immuno(compromised|suppressed)|allergic|"
    r"pregnant|expecting|breast[ -]?feeding|elderly|underage|(a )?(minor|teen|teenager|kid|child)|"
    r"(an? )?(cancer|transplant|chemo|dialysis|heart) (patient|survivor)|on dialysis|in remission|"
    r"(post-?|peri-?)?menopausal|(going through|having|on|taking) (chemo\w*|radiotherapy|ivf|\w+ treatment))\b")
_STATED_CASE = "|".join([
    (r"\b((i have|i've)( got)?|i got|i suffer from|i live with|(i|i've|i have)( was| been| got)? diagnosed with) "
     r"(?!" + _NOT_A_CONDITION + r")\w"),
    r"\b(i had|i've had|i have had) " + _HAD,
    (r"\b(i take|i'm taking|i am taking|i'm on|i am on) (?!(it|that|this|the fence|the (web)?site|your (web)?site|"
     r"this (web)?site|the page|a budget|holiday|vacation|my way|a break|notes?|your word)\b)\w"),
    (r"\bi('m| am) (" + _AGE_AT_RISK + r"|(over|under) \d+|in my (teens|sixties|seventies|eighties|nineties|[6-9]0s)|"
     + _CONDITION_IS + ")"),
    r"\b" + _RELATIVE + r"('s| is) (only |just )?(" + _AGE_AT_RISK + "|" + _CONDITION_IS + ")",
    r"\b" + _RELATIVE + r" (has|takes|suffers from|lives with|was diagnosed with) (?!" + _NOT_A_CONDITION + r")\w",
    r"\b" + _RELATIVE + r" (had|has had) " + _HAD,
    r"^\s*being " + _CONDITION_IS,
    r"\b(with|given|because of|due to) my (?!(own|friends?|family|mum|mom|partner|husband|wife|kids?|children)\b)\w",
])
# ... and whether exosomes are safe for them: "i have cancer, are exosomes safe", "i'm 12, is an exosome facial ok",
# "are exosome shots risky? i take warfarin", "my son is 14, are exosomes safe". Not "i have a question, are
# exosomes safe", "i'm really scared, are exosomes safe" nor "my sister had a facial ... are they safe?".
_SAFETY_ASKED = (r"\b(safe|safer|safely|risky|risks?|dangerous|harmful|allowed|suitable|contraindicated)\b|"
                 r"\b(is|are|be|it's)\b[^.?!]{0,40}\b(ok|okay|alright|all right|fine)\b")
# Where on the writer a mark is, and what it came after: "the red bump on my face after my exosome facial ...".
_BODY_PART = (r"(face|skin|scalp|head|chin|cheeks?|forehead|neck|arms?|legs?|back|chest|body|hands?|feet|foot|nose|"
              r"lips?|eyes?)")
_MARK_ON_ME = (r"(\w+ ){1,2}(on|in|under|near|behind|around|after|since) my (\w+ ){1,2}"
               r"((after|since|from) (the |my |an? )?(\w+ ){1,2})?")
PERSONAL = re.compile("|".join([
    # "what number of vials do i need"; not "what would one vial set me back" nor "how much do facials cost,
    # i'm broke" (a price)
    (r"\b(what|which|how much|how many|number of|" + _HOW_MUCH_ABROAD + r")\b.{0,40}"
     r"\b(dose|dosage|dosing|mg|ml|milligrams?|millilit\w*|"
     r"units?|vials?|injections?|shots?|sessions?|rounds?|facials?)\b.{0,40}\b(i(?!'m\b| am\b)|me(?! back\b)|my)\b"),
    r"\b(right|best|ideal|correct|recommended) (number|amount|frequency|course) of\b.{0,40}\b(i|me|my)\b",
    (r"\b(dose|dosage|dosing|how much|how many|how often|how far apart|" + _HOW_MUCH_ABROAD + r")\b.{0,30}"
     r"\b(should|do|can|must) (i|we|my)\b"),
    # ... asked as what to do: "how much serum to put on my scalp", "how much exosome to inject in my face".
    r"\b(how much|how many|how often)\b.{0,30}\bto (use|inject|take|apply|put|get|have)\b.{0,30}\b(me|my)\b",
    # Word order of a second language: "how much exosome i should inject in my scalp".
    (r"\b(dose|dosage|dosing|how much|how many|how often|how far apart)\b.{0,30}\b(i|we) (should|must|need to|"
     r"have to|am supposed to) (use|inject|take|apply|put|get|have|do|buy)\b"),
    r"\b(tell|give|recommend|prescribe) me (a |the |my )?(dose|dosage|amount|prescription)",
    r"\bmy (exosome |exosomes |treatment )?(dose|doses|dosage)\b", r"\bprescribe (me|my|for me)\b",
    # "my exosome plan is it right", "is my treatment course enough"
    (r"\bmy (exosome |treatment |hair |skin )?(plan|protocol|regimen|course|routine)\b.{0,30}"
     r"\b(right|correct|ok|okay|safe|good|enough|too much|too little|too often)\b"),
    r"\b(amount|dose|dosage|quantity|concentration)\b.{0,30}\bfor (me|my)\b",
    r"\b(every day|daily|twice a day|how often|how frequently)\b.{0,40}\b(i|my|me)\b",
    r"\bhow long (should|do|must|can) (i|we) wait\b",
    r"\bshould (i|we)\s*[?.!]*\s*$",
    r"\bdo (i|we) need (exosomes?|exosome \w+|treatments?|it|this|them|more|another)\b",
    r"\b(used|done|tried|given|injected|applied|put) (on|for|to|into) me\b",
    r"\bbetween my (sessions|treatments|injections|facials)\b",
    r"\b(i|my)\b.{0,20}\b(use|apply|take|inject|put)\b.{0,30}\b(every day|daily|twice a day)\b",
    r"\bdo you think\b.{0,50}\b(my|me|i)\b", r"\bwhat do you recommend\b",
    r"\b(can|could|should) my (\w+ ){1,3}(get|have|use|take|try|start|stop)\b",
    r"\bis (my|this) (\w+ ){1,4}(an? )?(infection|infected|cancer|cancerous|allergy|allergic reaction|normal)\b",
    # "are my symptoms after the exosome drip normal", "are these bumps normal after my facial"
    (r"\bare (my|these|those) (\w+ ){1,5}"
     r"(normal|infected|an? infection|an allergic reaction|a reaction|dangerous|serious)\b"),
    r"\b(suit|suits|fit|fits|be right for|be best for) (me|my)\b",
    r"\bis my (\w+ ){1,3}(the (kind|type|sort)|bad enough|severe enough|suitable)\b",
    r"\binject(ing)? (it |them |exosomes )?(my ?self|at home|into (my|me))", r"\bself[- ]?inject\w*",
    r"\b(diy|homemade|at home) exosome", r"\bmake (my own )?exosomes at home",
    r"\bdo i have\b(?! to (see|consult|talk to|speak to|ask|check with) )", r"\bcould i have\b",
    r"\bam i (sick|ill|allergic|at risk|too old|too young|old enough|young enough|eligible|suitable|"
    r"an? (good |suitable |right )?(candidate|fit))",
    # "diagnose me", "diagnose the rash on my face"
    r"\bdiagnos\w* (me|my|(the|this|that|these|those) (\w+ ){1,3}(on|in|under|around|near|of) my)\b",
    r"\bwhat'?s wrong with (me|my)\b",
    # "tell me 2 possible reasons for the bumps on my face", "what's causing the spots on my chin"
    (r"\b(reasons?|causes?|explanations?) (for|of) (the |these |those |this |that )?(\w+ ){0,3}"
     r"(on|in|around|under) my " + _BODY_PART + r"\b"),
    r"\bwhat('?s| is) causing (the |these |those |this |that |my )",
    r"\bis (this|it|my \w+) (cancer|infected|an? (infection|allergy|allergic reaction|reaction))\b",
    # "is the lump on my neck cancer", "is this spot under my eye infected", "is the red bump on my face after
    # my exosome facial an infection", "is the bump after my exosome shot infected"
    (r"\bis (the|this|that) " + _MARK_ON_ME +
     r"(cancer|cancerous|malignant|benign|a tumou?r|infected|an infection|an? allergy|an allergic reaction|normal|"
     r"(nothing|something|anything) (to worry about|to be worried about|serious))\b"),
    # Reported: "assess whether the erythema on my face after the procedure constitutes an infection"
    (r"\b(whether|if) (the|this|that|these|those|my) " + _MARK_ON_ME +
     r"(is|are|constitutes?|indicates?|signals?|means?|(could|might|may) be) (a sign of )?(an? )?"
     r"(cancer|cancerous|malignant|tumou?r|infected|infection|allergy|allergic reaction|normal)\b"),
    # Asked after the fact: "red spot coming on my face after exosome, it is infection?", "the bumps on my
    # forehead since my facial, are they an allergy?"
    (r"\bmy " + _BODY_PART + r"\b.{0,60}"
     r"\b(is (it|this|that)|(it|this|that) is|(it|this|that)'s|are (they|these|those)|(they|these|those) are) (an? )?"
     r"(infection|infected|allergy|allergic reaction|reaction|cancer|cancerous|normal)\s*[?.!]*\s*$"),
    # "i have a lump on my neck, could it be cancer"
    (r"\b(could|might|can|may) (this|it|that) be "
     r"(cancer|cancerous|an? (tumou?r|infection|allergy|allergic reaction|reaction))\b"),
    r"(?<!where )(?<!what )(?<!place )(?<!who )\bshould(n'?t)? (i|we|he|she|they|my \w+) " + DECISIONS,
    # Reported: "explain whether i should stop my finasteride and use exosomes instead"; or said, seeking
    # agreement: "i should stop my blood pressure pills before exosome therapy, shouldn't i?"
    r"\b(whether|if) (he|she|they|my \w+) (should|ought to) " + DECISIONS,  # i and we: the next line
    r"(?<!what )(?<!where )(?<!how )(?<!who )(?<!when )\b(i|we) (should|ought to)( or (shouldn'?t|should not|not))? "
    + DECISIONS,
    # A prognosis for the writer: "my bald spot will definitely grow back with exosomes, won't it?"
    (r"\bmy (\w+ ){1,3}(will|would|is going to|are going to|gonna) (definitely |surely |really |actually |fully )?"
     r"(grow back|regrow|heal|clear( up)?|improve|get better|go away|disappear|be (fixed|cured|gone|healed))\b"),
    # A promise of the writer's own outcome: "will exosomes definitely regrow my hair", "are exosomes
    # guaranteed to fix my skin" (not "can exosomes help my hair loss", a question about them).
    (r"\b(will|would|are|is) (exosomes?|exosome \w+|it|they|this|that) (definitely|surely|certainly|for sure|"
     r"guaranteed to|sure to|bound to|100%) (\w+ )?(regrow|grow back|fix|cure|heal|restore|thicken|reverse|"
     r"clear( up)?|help|work|improve|get rid of)\b.{0,30}\b(my|me)\b"),
    # About someone named: "a patient on chemotherapy asked if she can start exosome facials".
    (r"\b(?:(?<!where )(?<!how )(?<!who )(?:can|could|may) (?:he|she)|(?:he|she) (?:can|could|may)) "
     r"(start|stop|have|get|use|try|take|continue|keep|quit|skip|go ahead)\b"),
    r"\b(combine|mix|use|take) (exosomes?|exosome \w+|it|them) (with|alongside) (my|his|her)\b",
    r"\b(interfere|interact|clash) with (my|his|her)\b",
    # Treating a named person: "can i use exosomes on my son's acne scars".
    r"\b(use|put|apply|try|inject)\w* (exosomes?|exosome \w+|it|them|this) (on|for|to|into) (my|his|her|our)\b",
    r"\bis it (bad|normal|ok|okay|fine|serious|dangerous|a problem|worrying) (that|if) (my|i)\b",
    (r"\b(safe|safer|ok|okay|alright|all right|good|right|suitable|a good idea|too old|too young|worth it|better|best|"
     r"more effective) "
     r"for (me|my|him|her)\b"),
    # "i have lupus, would exosomes help me", "will exosomes fix it for me"
    # ... "is my patchy hair loss something exosomes can fix for me"
    r"\b(fix|cure|treat|solve|sort)(es|s|ed|ing)?( (it|this|that|them))?( out)? for (me|him|her|us)\b",
    r"\b(would|will|could|might) (exosomes?|exosome \w+|it|they|this|that) (\w+ )?(help|cure|heal|fix) (me|him|her)\b",
    # "can you tell me if exosome therapy will help my bald spot": an assessment of the writer's case.
    (r"\b(tell|let) me (know )?(if|whether)\b.{0,60}\b(help|work|suit|fix|cure|treat|be (right|safe|ok|okay|good))\w*"
     r"\b.{0,30}\b(my|me)\b"),
    # "will exosomes work on my alopecia", "if exosomes will work for me"
    (r"\b(will|would|could|can|do|does) (exosomes?|exosome \w+|it|they|this|that) (\w+ )?work (on|for|with) "
     r"(me|my|him|her)\b"),
    (r"\b(exosomes?|exosome \w+|it|they|this|that) (will|would|could|can|might) (\w+ )?work (on|for|with) "
     r"(me|my|him|her)\b"),
    (r"\b(stop|quit|skip|drop|come off|pack in|give up|ditch) (taking )?(my|his|her) (\w+ ){0,2}"
     r"(chemo\w*|medication|meds|medicine|treatment|insulin|pills|tablets)"),
    r"\b(safe|ok|okay|fine) (with|given|despite) (my|his|her)\b",
    r"\bwhat should (i|we) do (about|for|with) (my|his|her)\b",
    r"\bis (that|this) (an? )?(infection|infected|allergic reaction|allergy|reaction|bad|serious|dangerous)\b",
    # "... red for a week, is that normal" asks about a symptom; "it costs 1000 pounds, is that normal" about a price.
    (r"^(?!.*\b(costs?|price[sd]?|charged?|charges|paid|pay|pounds|dollars|euros|quid|bucks)\b)"
     r".*\bis (that|this) normal\b"),
    r"\bwhat should (i|we) (take|use|eat|avoid|stop|apply|bring)\b",
    r"\b(while|when|if) (i'm|i am|im|i'm still) (on|taking) \w+",
    # Not "what qualifications do i need to offer exosome treatments" (a career, not a treatment).
    # Nor "what training would i need" (a career, again).
    (r"(?<!training )(?<!qualifications )(?<!qualification )(?<!certification )(?<!courses )(?<!course )(?<!degree )"
     r"\b(will|would|do|shall) (i|we) need\b(?! to (see|talk|consult|speak|ask|check|offer|perform|"
     r"administer|provide|sell|practise|practice)\b)"
     r"(?! (an? |to see an? )?(qualified |trained )?"
     r"(doctor|professional|specialist|consultation|referral|prescription)s?\b)"),
    r"\bis (my|his|her) (\w+ ){1,2}(from|caused by|because of|due to)\b",
    # "can you tell me if this rash on my arm is from the exosome shot": a diagnosis of what the writer has.
    # Not "could my immune system freak out from exosomes" (a risk, asked of anyone); but "could my rash be from ...".
    (r"(?<!could )(?<!can )(?<!might )(?<!may )(?<!will )(?<!would )"
     r"\b(this|that|my) (\w+ ){0,5}((?<!come )(?<!comes )from|caused by|because of|due to|related to) "
     + _FROM_EXOSOMES),
    (r"\b(could|can|might|may|will|would) (this|that|my) (\w+ ){0,4}be (from|caused by|because of|due to|related to) "
     + _FROM_EXOSOMES),
    r"\bwhat would you (do|suggest|recommend)\b|\bin my (situation|case|shoes)\b", r"\bam i allowed to\b",
    r"\binstead of (my|his|her)? ?(chemo\w*|medication|meds|medicine|treatment|doctor|surgery)",
    r"\breplace (my|his|her) (chemo\w*|medication|meds|medicine|treatment)",
    # "can I get exosomes", but not "could I get an infection from exosomes" (a question about risks)
    # nor "can i get it free on the nhs" (about paying, which the article does not cover).
    r"(?<!where )\b(can|could|may) i (still |also |even )?(stop|quit|skip|pause|discontinue|resume|start|take|combine|"
    r"mix|try|do|(get|have)"
    r"(?! (an? )?(infection|infections|"
    r"reaction|reactions|allergic reaction|allergy|side effects?|sick|ill|cancer)\b)"
    r"(?!.*\b(free|for free|nhs|insurance|insured|covered|discount|refund|reimbursed|cheaper)\b)"
    # nor "can i get exosomes at a medspa near me" (where, which the article does not cover).
    r"(?!.*\b(near me|nearby|close to me|in my area|locally)\b)"
    # nor "can i get exosome treatment at a med spa in dallas" (where, again).
    r"(?!.*\b(at|in|from) (an?|the|any|some) (local )?(med ?spas?|medspas?|spas?|salons?|pharmacy|pharmacies|"
    r"chemists?|drugstores?|stores?|shops?|malls?)\b))\b",
    r"\b\d+(\.\d+)? ?(ml|mls|mg|cc|units?|vials?|syringes?|drops?)\b.{0,40}\b(i|me|my)\b",
    r"\benough for (me|my)\b",
    # Aftercare ("can I drink alcohol after exosome treatment"); not "what should I do before
    # starting", which the article answers (see a doctor).
    r"\b(can|could|may|should|must) i\b(?! (see|consult|talk to|speak to|ask|check with) )"
    r".{0,40}\b(after|during|while|the night of|the day of)\b.{0,30}"
    r"\b(treatments?|injections?|facials?|sessions?|therapy|procedures?|exosomes?|peels?|microneedling|lasers?|botox|fillers?)\b",
    # ... and the same asked the other way round ("how long after treatment can I exercise").
    r"\b(after|during|while)\b.{0,40}\b(treatments?|injections?|facials?|sessions?|therapy|procedures?|exosomes?|peels?|microneedling|lasers?|botox|fillers?)\b"
    r".{0,30}\b(can|could|may|should|must) i\b(?! (see|consult|talk to|speak to|ask|check with) )",
    (r"\b(good|right|suitable|best|ideal) (exosome )?(option|choice|treatment|idea|plan|protocol|course|package|"
     r"approach|regimen|schedule|product|serum) for (me|my)\b"),
    r"\bfor (someone|somebody|a person|people|a woman|a man) (like me|my age|of my age|with my)\b",
    r"\b(at|for) my age\b",
    r"\b(can|could|should|how do|how can) i (do|perform|give|apply|use|inject|make)\b.{0,40}"
    r"\b(at home|my ?self|by myself|on my own)\b",
    r"\b(would|will|do|does) (it|they|exosomes?|this) work for me\b",
    r"\b(would|will|do|can|could) you (recommend|suggest|advise)\b.{0,60}\b(i|me|my)\b",
    r"\b(recommend|suggest|advise)\w* (\w+ ){0,2}for (me|my)\b",
    r"\bi('m| am) (pregnant|breastfeeding|on (chemo\w*|blood thinners|medication|meds))",
    # ... and what a treatment would do to the pregnancy: "second trimester - would an exosome facial hurt my baby".
    r"\b(hurt|harm|affect|damage|be bad for|be safe for) my (unborn )?(baby|child|bump|pregnancy|fetus|foetus)\b",
    # The same said as who the writer is, before asking whether it is safe: "as a pregnant woman, are exosomes safe",
    # "as a 15 year old, is an exosome facial ok" (not "as a pregnant woman, what are exosomes").
    (r"^\s*as an? ((pregnant|expecting|expectant|breast[ -]?feeding|nursing) (woman|women|mum|mom|mother|lady|person)|"
     r"(mum|mom)[ -]to[ -]be|(1[0-7]|[1-9])[ -]?(year|yr)s?[ -]?old|teen|teenager|minor|kid|child)\b"
     r".{0,60}\b(safe|ok|okay|alright|allowed|suitable|risky|dangerous)\b"),
    "^(?=.*(" + _STATED_CASE + "))(?=.*(" + _SAFETY_ASKED + "))",
    # Any dose of exosomes, or the right one, is a dosing question: the article gives none.
    r"\b(dose|doses|dosage|dosing) (of|for) (exosomes?|exosome \w+|it|them|this)\b",
    r"\b(right|best|correct|recommended|usual|normal|safe|maximum|max|minimum|starting) (dose|dosage|amount)\b",
    r"\b(dose|doses|dosage|dosing)\b.{0,60}\b(i|me|my|right|enough|should)\b",
    # Judging this person's condition: "is my hair loss bad enough for exosomes".
    r"\bis (my|his|her) (\w+ ){1,3}(bad|severe|serious|advanced|far gone) enough\b",
    r"\bis (my|his|her) \w+ (eligible|suitable|an? (good |right )?(candidate|fit))\b",
    # Starting or stopping their own treatment, asked with "do"/"must": "do i quit my minoxidil".
    r"\b(do|must|shall|will) (i|we) (have to |need to )?(stop|quit|skip|drop|come off|pause|keep|continue|start)\b",
    # Judging this person's need: "does my thinning look like it needs exosomes or medication".
    r"\b(does|do|would) (my|his|her) (\w+ ){1,3}(look like|seem like|need|needs|require|requires|call for)\b",
    # Diagnosing this person: "can you tell me if my hair loss is genetic".
    r"\b(tell|know|say|check|find out|figure out|work out|determine) (me |us )?(if|whether) (my|i|i'm|im|i am|his|her)\b",
    (r"\bis (my|his|her) (\w+ ){1,3}(genetic|hereditary|inherited|permanent|reversible|curable|treatable|"
     r"hormonal|temporary|stress[- ]related|age[- ]related)\b"),
]))
CLAIMS = re.compile(r"\b(cure[sd]?|curing|heal(s|ed|ing)?|treat(s|ed|ing)?|fix(es)?|revers\w*|miracle|"
                    r"guarantee\w*|proven|approved|fda|effective|work(s)?|get rid of|results?|solutions?|breakthroughs?)\b")


@dataclass(frozen=True)
class Triage:
    """What the safety check decided before retrieval."""

    status: str | None  # EMERGENCY, PERSONAL_ADVICE or None (go on to retrieval)
    category: str = ""  # e.g. "self_harm", "symptom", "dosing"


def normalise(text: str) -> str:
    """Lower-case, unify quotes, drop accents ("cuántos" is "cuantos") and fix common typos so patterns
    see plain words."""
    text = text.lower().replace("’", "'").replace("‘", "'").replace("`", "'")
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    words = re.findall(r"[a-z0-9']+(?:-[a-z0-9']+)*|[^\sa-z0-9']", text)
    fixed = []
    for word in words:
        word = TYPOS.get(word, word)
        swapped = _transposition_of(word) if len(word) >= 4 and word.isalpha() else None
        if swapped:
            word = swapped
        elif len(word) >= 5 and word.isalpha() and word not in KEY_TERMS:
            # 0.9: close enough for "brething" -> "breathing", not for "infection" -> "injection".
            close = difflib.get_close_matches(word, KEY_TERMS, n=1, cutoff=0.9)
            if close:
                word = close[0]
        fixed.append(word)
    return re.sub(r"\s+([?.!,;:])", r"\1", " ".join(fixed))


def _transposition_of(word: str) -> str | None:
    """The key term this word is, but for two neighbouring letters swapped ("chets" -> "chest")."""
    if word in KEY_TERMS:
        return None
    for term in KEY_TERMS:
        if len(term) == len(word) and sorted(term) == sorted(word):
            diff = [i for i, (a, b) in enumerate(zip(word, term)) if a != b]
            if len(diff) == 2 and diff[1] == diff[0] + 1:
                return term
    return None


# "how many sessions, i mean exosome sessions, would someone need": "i mean" corrects the question;
# it tells nothing of the writer's own case.
CORRECTING = re.compile(r"\b(?:sorry\s*,?\s*)?i\s+meant?\b")
# A request asked the negative way is the same request: "*shouldn't I* double my dose", "*can't I* stop my
# finasteride", "*isn't this* lump an infection".
NEGATED_ASKING = re.compile(r"\b(should|could|would|must|is|are|do|does|did|was|were|ca|wo)n'?t\s+"
                            r"(?=(i|we|this|that|it|my|he|she|they)\b)")


def _asked_plainly(text: str) -> str:
    return NEGATED_ASKING.sub(lambda m: {"ca": "can", "wo": "will"}.get(m[1], m[1]) + " ", text)


def triage(question: str) -> Triage:
    text = normalise(question)
    if BARE_ALARM.match(re.sub(r"[\s!.?]+$", "", text)):
        return Triage(EMERGENCY, "symptom")
    if SELF_HARM.search(text) or SELF_HARM_INTENT.search(text) or (
            SELF_HARM_GENERAL.search(text) and (re.search(PERSON, text) or not RESEARCH.search(text))):
        return Triage(EMERGENCY, "self_harm")
    if EVENTS_NOW.search(text):
        return Triage(EMERGENCY, "symptom")
    # "heart attack" or "stroke symptoms right now": an event named with urgency, or all alone.
    if EVENTS.search(text) and not QUESTION_START.match(text) and (
            re.search(URGENT, text) or len(text.split()) <= 4):
        return Triage(EMERGENCY, "symptom")
    urgent = re.search(URGENT, text)
    reported = urgent or ((re.search(PERSON, text) or re.search(EXPERIENCING, text)) and not HYPOTHETICAL.search(text))
    if SYMPTOMS.search(text):
        general = re.search(GENERAL_FRAME, text)
        if reported or not (general or QUESTION_START.match(text)):
            return Triage(EMERGENCY, "symptom")
    if reported and not QUESTION_START.match(text) and (_alarming(text) or len(set(MILD.findall(text))) >= 2):
        return Triage(EMERGENCY, "symptom")
    asked = _asked_plainly(CORRECTING.sub("", text))
    if PERSONAL.search(asked) and not (WHO_ADVISES.match(asked) and not DOSING.search(asked)):
        return Triage(PERSONAL_ADVICE, "personal")
    return Triage(None)


def _alarming(text: str) -> bool:
    """Whether a text has a sign alarming alone, other than the writer's own confusion."""
    own = [found.span(3) for found in OWN_CONFUSION.finditer(text)]
    return any(found.span() not in own for found in ALARMING.finditer(text))


# Words of self-harm: a red flag found by the learnt check that has one gets the crisis line.
HARM_WORDS = re.compile(r"\b(die|dying|dead|death|kill\w*|suicid\w*|(?<!of )my (own )?life|to live|be alive|living|"
                        r"end it|end things|(hurt|hurting|harm|harming|cut|cutting) (myself|himself|herself|themselves)|"
                        r"pills|overdos\w*|hopeless|"
                        r"go on|disappear)\b")


FIRST_PERSON = re.compile(r"\b(i|i'm|im|i've|ive|my|me|we|our|us)\b")


def may_be_report(question: str) -> bool:
    """Whether a message could be someone reporting what is happening, rather than a general
    question ("is fainting common during injections") or a case ("what should you do if
    someone collapses"). The learnt red-flag check only counts for these."""
    text = normalise(question)
    if QUESTION_START.match(text) and not FIRST_PERSON.search(text):
        return False
    return not (HYPOTHETICAL.search(text) and not re.search(URGENT, text))


def red_flag_kind(question: str) -> str:
    """The emergency message's kind for a red flag the rules did not name: self-harm or a symptom."""
    return "self_harm" if HARM_WORDS.search(normalise(question)) else "symptom"


def makes_claim(text: str) -> bool:
    """Does the text touch cures or treatment results (so the caution is shown)?"""
    return bool(CLAIMS.search(text.lower()))


def emergency_message(category: str, settings: Settings) -> str:
    if category == "self_harm":
        return ("If you are thinking about harming yourself or ending your life, please reach out right now: "
                f"call {settings.crisis_line}, or your local emergency number ({settings.emergency_number}). "
                "If you are in immediate danger, call the emergency number now. You do not have to face this alone.")
    return (f"This could be a medical emergency. Call your local emergency number now ({settings.emergency_number}) "
            "or go to the nearest emergency department. Do not wait for an online answer, and do not drive "
            "yourself if you feel unwell.")


def personal_advice_message() -> str:
    return ("I can't give personal medical advice, such as doses, a diagnosis, or whether you should start or stop "
            "a treatment. Only a qualified doctor who knows your medical history can advise you on that. "
            "Below is general information from the article that may help you prepare questions for your doctor.")
