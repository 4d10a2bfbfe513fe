"""Closed word classes and a small verb lexicon for the offline generator.

We have no part-of-speech tagger (the official spaCy English model is not on the package
index), so grammar decisions rest on these lists: general English, nothing taken from a particular
article. When a word is not covered, the templates that need it simply do not fire.
"""

from __future__ import annotations


def word_set(text: str) -> frozenset[str]:
    """A set of words written as one string: easier to read and edit than a list literal."""
    return frozenset(text.split())


DETERMINERS = word_set("the a an")
DEICTIC = word_set("this these that those such")
QUANTIFIERS = word_set(
    "some many most much more less few fewer several all both each every any no other another "
    "various numerous enough"
)
POSSESSIVE_PRONOUNS = word_set("its their his her our your my whose")
SUBJECT_PRONOUNS = word_set("it they he she we you i one")
OBJECT_PRONOUNS = word_set("them him her us me itself themselves himself herself")
# A card must make sense on its own: these cannot open a question or a cloze text.
LEADING_PRONOUNS = word_set(
    "it its they them their theirs he him his she her hers this these those that such we our "
    "you your i"
)
PREPOSITIONS = word_set(
    "of in on at by for from with without within into onto over under above below between "
    "among through throughout during before after since until till toward towards against "
    "across along around about beyond behind beside besides near upon via per despite "
    "amid except like unlike than"
)
SUBORDINATORS = word_set(
    "because although though while whereas if unless when whenever where wherever whether "
    "once so as since after before until"
)
RELATIVES = word_set("which who whom whose that where when")
COORDINATORS = word_set("and or but nor yet")
DISCOURSE = word_set(
    "however moreover furthermore therefore thus hence meanwhile instead nevertheless "
    "nonetheless consequently also still then first second third finally later afterwards "
    "today eventually initially similarly likewise indeed overall ultimately otherwise "
    "next now"
)
MODALS = word_set("can could may might must shall should will would cannot")
BE = word_set("be am is are was were been being")
HAVE = word_set("have has had having")
DO = word_set("do does did")
NEGATIONS = word_set("not never no")
FREQUENCY_ADVERBS = word_set(
    "also often usually always sometimes rarely seldom never still already generally "
    "typically quickly slowly gradually rapidly eventually soon then once just only even "
    "largely mostly mainly partly widely commonly frequently easily first later briefly "
    "finally directly simply quietly formally officially further"
)

STOPWORDS = (
    DETERMINERS
    | DEICTIC
    | QUANTIFIERS
    | POSSESSIVE_PRONOUNS
    | SUBJECT_PRONOUNS
    | OBJECT_PRONOUNS
    | PREPOSITIONS
    | SUBORDINATORS
    | RELATIVES
    | COORDINATORS
    | DISCOURSE
    | MODALS
    | BE
    | HAVE
    | DO
    | NEGATIONS
    | FREQUENCY_ADVERBS
    | word_set(
        "to what how why who which not very too so just there here yes own same such than "
        "etc e.g i.e vs able upon whose whom mr mrs ms dr its it's can't won't don't isn't "
        "wasn't aren't weren't doesn't didn't hasn't haven't hadn't s"
    )
)

MONTHS = word_set(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
)

# Nouns that name what a person is or does: "X, a physicist," makes X a person.
ROLE_NOUNS = word_set(
    "physicist chemist scientist biologist geologist astronomer mathematician engineer inventor "
    "philosopher economist historian sociologist psychologist linguist anthropologist "
    "archaeologist botanist zoologist physician doctor surgeon nurse pharmacist writer author "
    "novelist poet playwright dramatist journalist editor publisher printer artist painter "
    "sculptor composer musician singer actor actress director architect designer photographer "
    "king queen emperor empress prince princess monarch ruler pharaoh sultan tsar czar shah "
    "president chancellor minister premier governor senator mayor politician statesman "
    "stateswoman diplomat ambassador general admiral commander soldier officer captain "
    "lieutenant colonel marshal explorer navigator pilot astronaut merchant trader banker "
    "businessman businesswoman entrepreneur industrialist manufacturer founder cofounder "
    "co-founder leader activist reformer revolutionary theologian priest monk nun bishop pope "
    "cardinal rabbi imam preacher missionary teacher professor lecturer student pupil "
    "apprentice scholar researcher lawyer judge attorney magistrate goldsmith blacksmith "
    "craftsman farmer peasant worker labourer laborer miner weaver tailor patron husband wife "
    "son daughter father mother brother sister widow heir successor predecessor assistant "
    "colleague rival partner collaborator mentor disciple man woman boy girl child person "
    "chairman chairwoman secretary dictator general-secretary naturalist pioneer"
)
PERSON_TITLES = word_set(
    "dr dr. sir dame lord lady king queen emperor empress prince princess president pope saint "
    "st st. mr mr. mrs mrs. ms ms. professor prof prof. general captain chairman tsar czar"
)

# Common given names (many languages): "Johannes Gutenberg combined ..." asks "Who ...?".
FIRST_NAMES = word_set(
    "aaron abraham ada adam adolf agatha agnes ahmed albert alexander alexandre alfred alice "
    "amelia andrew andreas angela anna anne antoine anton antonio archibald arthur augustus "
    "barbara benjamin bernard bertrand carl carlos caroline catherine charles charlotte "
    "christian christopher clara claude daniel david dmitri dorothy edgar edmund edward "
    "elena eleanor elizabeth ella emily emma emmanuel enrico ernest ernst eva francis "
    "francesco francisco franklin franz frederick friedrich galileo george georg gerhard "
    "giovanni giuseppe grace gregor gustav hannah hans harold harriet harry heinrich helen "
    "henri henry hugo ibn ida igor isaac isabella ivan jacob jacques james jan jane jean "
    "jeanne johann johannes john jonas jose joseph josef juan julia julius karl katherine "
    "kathleen leo leonardo leonhard louis louise ludwig luis margaret maria marie mark martin "
    "mary matthew max michael michel mikhail mohammed muhammad napoleon nelson niccolo "
    "nicholas nicolaus niels nikola oliver omar oscar otto paul pedro peter philip pierre "
    "rachel rene richard robert rosa rosalind samuel sarah simon sofia sophie stephen susan "
    "thomas victor victoria vincent vladimir walter werner wilhelm william winston wolfgang "
    "yuri"
)

# Irregular verbs: base, past, past participle. General English, not tuned to any text.
_IRREGULAR = """
arise arose arisen|awake awoke awoken|be was been|bear bore borne|beat beat beaten|
become became become|begin began begun|bend bent bent|bind bound bound|bite bit bitten|
bleed bled bled|blow blew blown|break broke broken|breed bred bred|bring brought brought|
build built built|burn burnt burnt|burst burst burst|buy bought bought|cast cast cast|
catch caught caught|choose chose chosen|cling clung clung|come came come|cost cost cost|
creep crept crept|cut cut cut|deal dealt dealt|dig dug dug|do did done|draw drew drawn|
dream dreamt dreamt|drink drank drunk|drive drove driven|eat ate eaten|fall fell fallen|
feed fed fed|feel felt felt|fight fought fought|find found found|flee fled fled|
fling flung flung|fly flew flown|forbid forbade forbidden|forecast forecast forecast|
foresee foresaw foreseen|forget forgot forgotten|forgive forgave forgiven|freeze froze frozen|
get got gotten|give gave given|go went gone|grind ground ground|grow grew grown|
hang hung hung|have had had|hear heard heard|hide hid hidden|hit hit hit|hold held held|
hurt hurt hurt|keep kept kept|kneel knelt knelt|know knew known|lay laid laid|lead led led|
lean leant leant|leap leapt leapt|learn learnt learnt|leave left left|lend lent lent|
let let let|lie lay lain|light lit lit|lose lost lost|make made made|mean meant meant|
meet met met|mislead misled misled|mistake mistook mistaken|overcome overcame overcome|
overtake overtook overtaken|overthrow overthrew overthrown|pay paid paid|prove proved proven|
put put put|quit quit quit|read read read|rebuild rebuilt rebuilt|rid rid rid|ride rode ridden|
ring rang rung|rise rose risen|run ran run|say said said|see saw seen|seek sought sought|
sell sold sold|send sent sent|set set set|sew sewed sewn|shake shook shaken|shed shed shed|
shine shone shone|shoot shot shot|show showed shown|shrink shrank shrunk|shut shut shut|
sing sang sung|sink sank sunk|sit sat sat|sleep slept slept|slide slid slid|sling slung slung|
slit slit slit|sow sowed sown|speak spoke spoken|speed sped sped|spend spent spent|
spin spun spun|spit spat spat|split split split|spread spread spread|spring sprang sprung|
stand stood stood|steal stole stolen|stick stuck stuck|sting stung stung|stink stank stunk|
strike struck struck|string strung strung|strive strove striven|swear swore sworn|
sweep swept swept|swell swelled swollen|swim swam swum|swing swung swung|take took taken|
teach taught taught|tear tore torn|tell told told|think thought thought|throw threw thrown|
thrust thrust thrust|tread trod trodden|undergo underwent undergone|
understand understood understood|
undertake undertook undertaken|upset upset upset|uphold upheld upheld|wake woke woken|
wear wore worn|weave wove woven|weep wept wept|win won won|wind wound wound|
withdraw withdrew withdrawn|withhold withheld withheld|withstand withstood withstood|
write wrote written|outgrow outgrew outgrown|oversee oversaw overseen|override overrode overridden|
broadcast broadcast broadcast|bet bet bet|bid bid bid|upset upset upset|inlay inlaid inlaid|
beget begot begotten|forsake forsook forsaken|befall befell befallen|behold beheld beheld
"""

IRREGULAR: dict[str, tuple[str, str]] = {}
for _entry in _IRREGULAR.replace("\n", "").split("|"):
    _base, _past, _participle = _entry.split()
    IRREGULAR[_base] = (_past, _participle)

# Regular verbs common in expository writing. A verb form counts as a verb only when its base
# is here or in IRREGULAR (or it has an unmistakable verb suffix, see morphology.py).
_REGULAR = """
abandon abolish absorb accelerate accept access accompany accomplish accumulate accuse
achieve acquire act adapt add address adjust administer admit adopt advance advise advocate
affect afford age aggravate agree aid aim alarm alert allocate allow alter amend amount
amplify analyse analyze anchor announce annoy answer anticipate appeal appear apply appoint
appreciate approach approve argue arm arrange arrest arrive ask assemble assert assess assign
assist associate assume assure attach attack attain attempt attend attract attribute
authorize avoid award back bake balance ban bank base battle beg behave believe belong
benefit block boil boost borrow bounce break breathe brew brush burden bury calculate call
calm campaign cancel capture care carry carve cause cease celebrate centralize centralise
challenge change charge chase check cheer circulate cite claim clarify classify clean clear
climb close coat code coexist collaborate collapse collect collectivize collectivise colonize
colonise combine command comment commission commit communicate compare compel compensate
compete compile complain complete comply compose compound comprise compute conceal concede
concentrate concern conclude condemn conduct confirm conflict confront confuse connect
conquer consider consist consolidate constitute constrain construct consult consume contact
contain contaminate contend continue contract contradict contrast contribute control convert
convey convict convince cook cool cooperate coordinate copy correct correspond count cover
crash create credit criticize criticise cross crush cultivate cure curb cycle damage dance
date debate decay decide declare decline decorate decrease dedicate defeat defend define
delay delegate delete deliver demand demonstrate deny depart depend deploy deposit depress
deprive derive descend describe deserve design desire destroy detach detect deteriorate
determine devastate develop devise devote die differ diffuse digest dilute diminish direct
disagree disappear discourage discover discuss disguise dismiss dispatch disperse display
dispose dispute disrupt dissolve distinguish distort distribute disturb divide document
dominate donate double doubt drain dress drop dry dump duplicate earn ease echo edit educate
elect eliminate embrace emerge emigrate emit emphasize emphasise employ empower enable
enact encounter encourage end endanger endorse endure enforce engage engineer enhance enjoy
enlarge enrich enroll enrol ensure enter entitle equip erase erode erupt escape establish
estimate evaluate evaporate evolve examine exceed exchange excite exclude execute exercise
exert exhaust exhibit exile exist expand expect experience experiment explain explode
exploit explore export expose express extend extinguish extract fail falsify fascinate
favour favor fear feature figure file fill filter finance finish fire fit fix flood flow
focus fold follow force form formulate found frame free frighten fuel fulfil fulfill
function fund gain gather generate govern grab graduate grant greet guarantee guard guess
guide halt handle happen harm harness harvest hate head heal heat help hesitate highlight
hire host house hunt identify ignore illustrate imagine imitate immigrate impact implement
imply import impose impress imprison improve include incorporate increase incur indicate
induce industrialize industrialise infect infer inflate influence inform inherit inhibit
initiate inject injure innovate insert insist inspect inspire install instruct insulate
insure integrate intend intensify interact interfere interpret interrupt intervene
interview introduce invade invent invest investigate invite involve irrigate isolate issue
join judge jump justify kill label land last launch legalize legislate lengthen level
liberate license lift like limit link list listen live load loan locate lock look lower
maintain manage manipulate manufacture map march mark market marry master match matter
mature measure mediate melt mention merge migrate mind minimize minimise mislead miss mix
mobilize mobilise model moderate modernize modernise modify monitor motivate mount move
multiply murder name narrow nationalize nationalise need neglect negotiate neutralize
neutralise nominate note notice notify nourish obey object observe obtain occupy occur
offer open operate oppose order organize organise originate outlaw outline overlap oversee
overturn owe own pack paint pair pass patent pause perceive perform permit persecute
persist persuade pick pioneer place plan plant play please plot point poison polish
pollinate pollute populate portray pose position possess post postpone pour practise
practice praise predict prefer prepare prescribe present preserve press presume pretend
prevail prevent price print privatize privatise proceed process proclaim produce profit
program programme progress prohibit project promise promote prompt pronounce propagate
propose prosecute prosper protect protest provide provoke publish pull pump punish purchase
purify pursue push qualify question raise rank rate reach react realize realise rear reason
rebel recall receive reckon recognize recognise recommend reconstruct record recover recruit
recycle redeem reduce refer refine reflect reform refuse regain regard register regulate
reinforce reject relate relax release relieve rely remain remark remember remind remove
rename render renew rent reorganize repair repeal repeat replace replicate reply report
represent reproduce request require rescue research resemble reserve reside resign resist
resolve resort respect respond rest restore restrict result resume retain retire retreat
return reveal reverse review revise revive revolt revolutionize revolutionise reward rinse
risk roll rotate rule rush sack sacrifice sail satisfy save scan scatter schedule score
scrape screen search secure seize select separate serve settle shape share shelter shift
shock shorten shout sign signal simplify simulate situate slow smash smuggle soak solve
sort sound spark specialize specialise specify speculate spell spill split sponsor spot
spray stabilize stabilise stage standardize standardise start starve state station stay
steer stem step stimulate stir stock stop store strain strengthen stress stretch structure
struggle study submit substitute succeed suffer suggest suit summarize summarise supervise
supplement supply support suppose suppress surpass surprise surrender surround survey
survive suspect suspend sustain switch symbolize tackle talk tap target tax tend terminate
test thank threaten thrive tighten tilt tip tolerate top total touch tour trace track trade
train transfer transform translate transmit transport trap travel treat trigger triple
trouble trust try turn type unify unite unlock update upgrade urge use utilize vaccinate
value vanish vary venture verify view violate visit vote wait walk want warm warn wash
waste watch water weaken weigh welcome whip widen wish witness wonder work worry worsen wrap
yield
denote range eradicate mutate secrete oxidize germinate hibernate decompose ferment inhabit
reign abdicate annex besiege assassinate ratify deflate devalue subsidize subsidise preheat whisk
chop slice knead simmer fry roast sprinkle loosen unplug disconnect restart reboot configure
download upload prune fertilize fertilise sculpt divorce theorize hypothesize disprove quantify
honor honour immunize immunise inoculate diagnose retract decelerate collide condense compress
refract vibrate oscillate radiate discharge activate ingest excrete transcribe encode decode
splice catalyse catalyze precipitate calibrate enslave emancipate segregate impeach hoard
deregulate outsource automate mechanize mechanise urbanize urbanise evacuate deport
roughen tuck hook unscrew submerge spin refit peel clip slide unfold wipe sand sharpen soak
grease drizzle
"""

REGULAR = word_set(_REGULAR)
VERB_BASES = REGULAR | frozenset(IRREGULAR)
