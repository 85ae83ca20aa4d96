"""Invented news articles for the story-grouping tests (written for crosscheck; no real events)."""

from __future__ import annotations

from crosscheck.model import Article

WIRE = (
    "A magnitude 6.1 earthquake struck near the mountain town of Velmora early on Tuesday, "
    "collapsing at least 14 homes and cutting power to some 30,000 residents, regional "
    "officials said.\n\n"
    "The quake hit at 4:12 a.m. at a depth of 10 kilometres, according to the national "
    "seismic institute, which recorded more than 40 aftershocks in the following six hours.\n\n"
    "\u201cWe are still searching the old quarter street by street,\u201d said Irena Kostova, "
    "who heads the Velmora civil protection office. \u201cPeople are sleeping in their cars "
    "because they are afraid to go back inside.\u201d\n\n"
    "Three people were taken to hospital with injuries that were not life-threatening, "
    "Kostova said. Schools in the district will stay closed until engineers have inspected "
    "every building, the regional governor, Anton Belic, told reporters at a briefing.\n\n"
    "The area last suffered a serious earthquake in 1987, when a magnitude 5.6 tremor "
    "damaged the Velmora cathedral and the old bridge over the river Sava."
)

REWRITE = (
    "Residents of Velmora spent the night outdoors after a strong earthquake shook the "
    "mountain town on Tuesday morning, wrecking more than a dozen houses.\n\n"
    "Irena Kostova, head of civil protection in Velmora, said rescuers were combing the "
    "old quarter. Governor Anton Belic ordered district schools shut pending building "
    "inspections and said three injured people were recovering in hospital.\n\n"
    "The seismic institute measured the quake at 6.1 and counted dozens of aftershocks. "
    "Velmora's cathedral, damaged in a 1987 tremor, was being checked again by engineers, "
    "and the power company said it hoped to reconnect most of the 30,000 homes by evening."
)

LOOKALIKE_1 = (
    "A magnitude 5.8 earthquake hit the coastal city of Dranport on Friday afternoon, "
    "shattering windows along the harbour front and sending tourists running from cafes, "
    "the port authority said.\n\n"
    "\u201cThe cranes swayed like trees,\u201d said dock worker Malik Osei. Harbour master "
    "Lena Varga said two container ships had been moved out to sea as a precaution while "
    "divers checked the quay walls for cracks.\n\n"
    "No deaths were reported. Dranport's mayor, Tomas Reyes, said the ferry terminal would "
    "reopen on Saturday after an inspection."
)

LOOKALIKE_2 = (
    "Dranport harbour was closed for several hours after Friday's 5.8 magnitude earthquake "
    "damaged the quay walls, harbour master Lena Varga said.\n\n"
    "Mayor Tomas Reyes told local radio that the ferry terminal would reopen on Saturday. "
    "Windows shattered in harbour-front cafes and container ships were sent out to sea "
    "while divers inspected the port."
)

# A follow-up report of the Velmora quake four days later: new figures, few of the first
# reports' words (what single-pass grouping tends to leave on its own).
FOLLOWUP = (
    "Four days after the earthquake that shook Velmora, engineers have declared 9 of the "
    "town's 26 schools unsafe, governor Anton Belic said on Saturday, and classes will move "
    "to tents in the football stadium from Monday.\n\n"
    "\u201cWe would rather teach in tents than take any risk with the children,\u201d Belic "
    "told a news conference in Velmora. The civil protection office led by Irena Kostova "
    "said 212 families were still sleeping away from home and that the relief fund had paid "
    "out 640,000 euros so far.\n\n"
    "The seismic institute said aftershocks had weakened, though one of magnitude 4.2 on "
    "Friday night cracked the tower of the Velmora cathedral again."
)

LEAD = (
    "Our correspondent adds: the town council held an emergency session on Tuesday evening "
    "and approved a relief fund of 2 million euros for families whose homes were destroyed.\n\n"
)
TRAILER = "\n\nSign up for our morning newsletter to get the latest regional news."


# One event told over eight days by updates (invented): a footbridge collapse, the search,
# an inquiry, a memorial, a temporary crossing. Each update shares a few names and words with
# the others; joined one article at a time, they fall into more than one story.
BRIDGE_DAY1 = (
    "The Castmere footbridge over the river Orla collapsed on Monday evening, throwing "
    "at least 11 people into the water, the city's fire service said.\n\n"
    "\u201cWe heard a crack like a gunshot and then the middle span simply folded,\u201d "
    "said Pavel Novak, who runs a kiosk on the east bank. Divers pulled nine people out "
    "alive; two were still missing late on Monday.\n\n"
    "Castmere's mayor, Greta Lindgren, said the 140-metre bridge, opened in 1968, had "
    "passed its last inspection in 2021. The fire chief, Hugo Brandt, said the search "
    "would go on through the night with boats and floodlights."
)
BRIDGE_DAY2 = (
    "Rescuers in Castmere recovered the bodies of two people on Tuesday, a day after the "
    "footbridge over the Orla gave way, fire chief Hugo Brandt said, bringing the search "
    "to an end.\n\n"
    "Mayor Greta Lindgren declared three days of mourning and said every bridge in the "
    "city would be checked. \u201cNo family should lose someone crossing a river on the "
    "way home,\u201d she said. Seven of the nine survivors have left hospital."
)
BRIDGE_DAY3 = (
    "Prosecutors in Castmere have opened a criminal inquiry into the collapse of the Orla "
    "footbridge, which killed two people on Monday, and seized the maintenance records of "
    "the company that last inspected it in 2021.\n\n"
    "The company, Brandvik Structural, said in a statement that its engineers had flagged "
    "corroded cables and recommended repairs costing 2.4 million euros. City officials "
    "said they had never received that report. Mayor Greta Lindgren said she would "
    "publish every document the council held."
)
BRIDGE_DAY5 = (
    "Hundreds of people laid flowers on the east bank of the Orla on Saturday at a "
    "memorial for the two victims of the Castmere footbridge collapse, Odile Duval, 34, "
    "and Farid Haddad, 61.\n\n"
    "\u201cFarid crossed that bridge every morning for forty years,\u201d his daughter "
    "said. The city council voted to build a temporary pontoon crossing within six weeks, "
    "and the prosecutors' inquiry into the inspection company continues."
)
BRIDGE_DAY8 = (
    "A temporary pontoon opened across the river Orla in Castmere on Tuesday, a week after "
    "the footbridge collapse that killed two people, and the city said a replacement "
    "bridge would be designed by an international competition.\n\n"
    "Mayor Greta Lindgren said the new crossing would cost about 18 million euros. "
    "Pavel Novak, whose kiosk stood next to the old bridge, said trade had barely returned."
)
# Ten days on, the victims' funerals (close to the memorial report above all).
BRIDGE_DAY10 = (
    "Odile Duval, 34, and Farid Haddad, 61, the two victims of the Castmere footbridge "
    "collapse, were buried on Thursday after a joint service attended by hundreds of "
    "people who had laid flowers on the east bank of the Orla.\n\n"
    "\u201cFarid crossed that river every morning of his life,\u201d his daughter said "
    "again at the graveside. The temporary pontoon crossing was closed for the afternoon."
)

HARVEST = (
    "Farmers in the Pennock valley began the apple harvest two weeks early this year after "
    "an unusually warm spring, the regional growers' association said on Wednesday.\n\n"
    "\u201cThe fruit is sweet but small, because July was so dry,\u201d said grower Agnes "
    "Marchetti. The association expects 31,000 tonnes, down 8 percent on last year, and "
    "warned that prices at market could rise."
)


def article(aid: str, text: str, published: str | None = None, title: str | None = None) -> Article:
    """A cleaned article (clean text = text) with an optional publication date."""
    return Article(
        id=aid, source=f"{aid}.txt", text=text, clean_text=text, published=published, title=title
    )


def bridge_updates() -> list[Article]:
    """The footbridge collapse over eight days (ids ``b1``..``b8`` by day), and an unrelated
    harvest report on the third day."""
    return [
        article("b1", BRIDGE_DAY1, "2024-05-06", title="Castmere footbridge collapses"),
        article("b2", BRIDGE_DAY2, "2024-05-07"),
        article("b3", BRIDGE_DAY3, "2024-05-08"),
        article("harvest", HARVEST, "2024-05-08"),
        article("b5", BRIDGE_DAY5, "2024-05-11"),
        article("b8", BRIDGE_DAY8, "2024-05-14"),
    ]


def corpus() -> list[Article]:
    """Wire story, its verbatim copy, a partial copy, a rewrite, and a look-alike event."""
    return [
        article("wire", WIRE, "2024-03-05"),
        article("copy", WIRE, "2024-03-05"),
        article("partial", LEAD + WIRE + TRAILER, "2024-03-06"),
        article("rewrite", REWRITE, "2024-03-06"),
        article("other1", LOOKALIKE_1, "2024-03-08"),
        article("other2", LOOKALIKE_2, "2024-03-09"),
    ]
