"""Public procurement for social economy enterprises (English)."""

from courses.demo_content.blocks import (
    case_study,
    heading,
    important,
    link,
    multiple,
    note,
    quiz,
    resources,
    right,
    single,
    subheading,
    text,
    tip,
    wrong,
)

EU_DIRECTIVE = "https://eur-lex.europa.eu/eli/dir/2014/24/oj"

COURSE = {
    "slug": "public-procurement-for-social-economy-enterprises",
    "title": "Public procurement for social economy enterprises",
    "summary": (
        "Use your city's purchasing to create decent jobs and community value: reserved "
        "contracts, social clauses and award criteria, tenders that SSE enterprises can win, "
        "and contract monitoring."
    ),
    "description": (
        "<p>Local governments buy food for school canteens, cleaning, green-space "
        "maintenance, home care, printing, catering and much more. Opening part of that "
        "spending to social and solidarity economy (SSE) enterprises gives them a stable "
        "market and gives the city jobs for people far from employment, local supply chains "
        "and better services, often without spending more.</p>"
        "<p>This course is practical. It explains the legal tools available in many "
        "jurisdictions, using the European Union's 2014 directive as a worked example, and "
        "shows how cities such as Barcelona and Seoul have used them.</p>"
        "<h2>What you will learn</h2>"
        "<ul>"
        "<li>Why procurement is one of a city's strongest levers for the SSE.</li>"
        "<li>The difference between reserved contracts, social clauses and social award "
        "criteria, and when to use each.</li>"
        "<li>How to design tenders small collective enterprises can answer.</li>"
        "<li>How to monitor the social commitments of a contract.</li>"
        "</ul>"
        "<h2>Who it is for</h2>"
        "<p>Procurement officers, lawyers and economic development staff of GSEF member "
        "organisations. This course is open to members of any GSEF organisation.</p>"
    ),
    "level": "intermediate",
    "format": "blended",
    "effort_hours": "10",
    "topics": ["public-procurement", "legal-frameworks", "social-enterprises"],
    "hosts": ["Barcelona", "Seoul"],
    "trainers": ["trainer.lucia", "trainer.minji"],
    "audience": "members",
    "enrolment": "open",
    # Days after the demo is seeded, so the demo shows an open course whenever it is loaded.
    "enrolment_closes_in_days": 180,
    "deadline": {"policy": "fixed", "in_days": 210},
    "completion": {"all_modules": True, "min_quiz_score": 70},
    "certificate": True,
    "signatories": [
        ("GSEF Secretariat", "Secretary General, Global Social Economy Forum"),
        ("GSEF Academy", "Head of Training, GSEF Academy"),
    ],
    "modules": [
        {
            "slug": "why-procurement-matters",
            "title": "Why procurement matters",
            "summary": (
                "Public buying as a market for the SSE, and what a city gains from "
                "socially responsible procurement."
            ),
            "minutes": 30,
            "body": [
                heading("Your city is a large customer"),
                text(
                    "<p>Public procurement accounts for a large share of public spending "
                    "everywhere, and a great deal of it is local: services to residents, "
                    "maintenance, food, transport. Each contract shapes who gets work, on "
                    "what conditions, and where the money circulates afterwards.</p>"
                    "<p>For SSE enterprises, a public contract is often worth more than a "
                    "grant: it pays for a real service, it is predictable, and it builds a "
                    "track record that opens other markets.</p>"
                ),
                heading("What the city gains"),
                text(
                    "<ul>"
                    "<li><b>Jobs for people far from employment</b>, through work-integration "
                    "enterprises and social clauses.</li>"
                    "<li><b>Local and fair supply chains</b>, for example food from local "
                    "producer cooperatives for school canteens.</li>"
                    "<li><b>Better services</b> where users and workers have a say, such as "
                    "care cooperatives.</li>"
                    "<li><b>Coherence</b>: the city buys in line with the goals it sets in "
                    "its own strategies.</li>"
                    "</ul>"
                ),
                note(
                    "International guidance",
                    "<p>The OECD Recommendation on the Social and Solidarity Economy and "
                    "Social Innovation (2022) lists access to public markets among the "
                    "conditions of an enabling ecosystem, and UN General Assembly resolution "
                    "A/RES/77/281 (2023) mentions public procurement among the areas where "
                    "governments can support the SSE.</p>",
                ),
                important(
                    "Value for money is not the lowest price",
                    "<p>Most procurement laws allow, and many now encourage, awarding "
                    "contracts on the best price-quality ratio, including social and "
                    "environmental quality. Buying only on price often costs more later, in "
                    "unemployment, poor service or repeated tenders.</p>",
                ),
                quiz(
                    "Check your understanding",
                    "Three questions on the case for socially responsible procurement.",
                    single(
                        "Why is a public contract often worth more to an SSE enterprise than "
                        "a grant?",
                        right(
                            "It pays for a real service, is predictable and builds a track record",
                            "Correct: it treats the enterprise as a supplier, not as a "
                            "beneficiary.",
                        ),
                        wrong(
                            "It comes without any conditions",
                            "Public contracts carry many conditions.",
                        ),
                        wrong(
                            "It is always larger than a grant",
                            "Not necessarily; the difference is in its nature, not its size.",
                        ),
                    ),
                    multiple(
                        "What can a city gain from socially responsible procurement? Tick all "
                        "that apply.",
                        right("Jobs for people far from employment", "Yes."),
                        right("Local and fair supply chains", "Yes."),
                        right("Coherence between its spending and its strategies", "Yes."),
                        wrong(
                            "Freedom from procurement law",
                            "Social procurement works within procurement law.",
                        ),
                    ),
                    single(
                        "What does “best price-quality ratio” mean?",
                        right(
                            "Choosing the tender that offers the best combination of price and "
                            "quality, which can include social and environmental quality",
                            "Correct.",
                        ),
                        wrong(
                            "Always choosing the cheapest tender",
                            "That is award on lowest price only.",
                        ),
                        wrong(
                            "Choosing the tender from the nearest company",
                            "Favouring local firms as such is usually prohibited; what can be "
                            "rewarded is quality, including social quality.",
                        ),
                    ),
                ),
            ],
        },
        {
            "slug": "the-legal-toolbox",
            "title": "The legal toolbox: reserved contracts, social clauses and award criteria",
            "summary": (
                "The three main legal tools, illustrated with the EU's 2014 public "
                "procurement directive, Spain's public sector contracts law and Korea's "
                "preferential purchasing."
            ),
            "minutes": 45,
            "body": [
                heading("Three tools, three moments of a tender"),
                text(
                    "<p>Most legal systems offer the same three tools, used at different "
                    "moments of the procurement process:</p>"
                    "<ol>"
                    "<li><b>Reserved contracts</b> decide <i>who may bid</i>.</li>"
                    "<li><b>Social award criteria</b> decide <i>who wins</i>.</li>"
                    "<li><b>Social clauses</b> (contract performance conditions) decide "
                    "<i>how the contract is carried out</i>.</li>"
                    "</ol>"
                ),
                subheading("A worked example: EU Directive 2014/24/EU"),
                text(
                    "<ul>"
                    "<li><b>Article 20</b> lets authorities reserve contracts for sheltered "
                    "workshops and for operators whose main aim is the social and "
                    "professional integration of people with disabilities or disadvantaged "
                    "people, provided at least 30% of their employees belong to these "
                    "groups.</li>"
                    "<li><b>Article 77</b> lets authorities reserve certain health, social "
                    "and cultural service contracts for organisations with a public service "
                    "mission that reinvest their profits and have participatory or employee "
                    "ownership, for up to three years.</li>"
                    "<li><b>Article 67</b> provides for award on the most economically "
                    "advantageous tender, which may be assessed on the best price-quality "
                    "ratio, including social aspects.</li>"
                    "<li><b>Article 70</b> allows contract performance conditions with "
                    "social or employment-related considerations.</li>"
                    "</ul>"
                ),
                case_study(
                    "Reserved contracts required by law",
                    "Spain",
                    "<p>Spain's <i>Ley 9/2017 de Contratos del Sector Público</i> requires "
                    "public authorities to reserve a share of certain contracts for "
                    "work-integration enterprises (<i>empresas de inserción</i>) and social "
                    "initiative special employment centres, with minimum percentages set by "
                    "each level of government. It also allows certain social, health and "
                    "cultural service contracts to be reserved, in line with Article 77 of "
                    "the directive.</p>",
                ),
                case_study(
                    "Preferential purchasing",
                    "Republic of Korea",
                    "<p>Korea's Social Enterprise Promotion Act asks public institutions to "
                    "promote the purchase of goods and services from certified social "
                    "enterprises and to report on their purchasing plans and results. Seoul "
                    "built on this framework to promote public purchasing from the wider "
                    "social economy.</p>",
                ),
                important(
                    "Check your own law",
                    "<p>The details differ between countries, and national thresholds and "
                    "procedures apply. Use this module as a map of what to look for, and "
                    "confirm each tool with your legal department before using it.</p>",
                ),
                resources(
                    "The texts",
                    link(
                        "Directive 2014/24/EU on public procurement",
                        EU_DIRECTIVE,
                        "See Articles 20, 67, 70 and 77.",
                    ),
                    link(
                        "Spain: Ley 9/2017 de Contratos del Sector Público",
                        "https://www.boe.es/eli/es/l/2017/11/08/9",
                        "See the fourth additional provision on reserved contracts.",
                    ),
                    link(
                        "Social Economy Gateway (European Commission)",
                        "https://social-economy-gateway.ec.europa.eu",
                        "EU guidance on social economy and public procurement, including "
                        "“Buying Social”.",
                    ),
                ),
                quiz(
                    "Check your understanding",
                    "Four questions on the legal tools.",
                    single(
                        "Which tool decides who may bid for a contract?",
                        right("A reserved contract", "Correct."),
                        wrong(
                            "A social award criterion",
                            "Award criteria decide who wins among the bidders.",
                        ),
                        wrong(
                            "A contract performance condition",
                            "Performance conditions apply to whoever wins.",
                        ),
                    ),
                    single(
                        "Under Article 20 of Directive 2014/24/EU, what share of employees "
                        "must belong to the groups concerned for a contract to be reserved?",
                        right("At least 30%", "Correct."),
                        wrong("At least 80%", "The directive sets 30%."),
                        wrong("There is no minimum", "The directive sets a 30% minimum."),
                    ),
                    multiple(
                        "Which conditions apply to contracts reserved under Article 77? Tick "
                        "all that apply.",
                        right(
                            "The organisation has a public service mission",
                            "Yes.",
                        ),
                        right(
                            "Profits are reinvested to achieve that mission",
                            "Yes.",
                        ),
                        right(
                            "The contract lasts no more than three years",
                            "Yes.",
                        ),
                        wrong(
                            "The organisation must be based in the same city",
                            "No: local residence cannot be a condition.",
                        ),
                    ),
                    single(
                        "What does Korea's Social Enterprise Promotion Act ask of public "
                        "institutions?",
                        right(
                            "To promote purchasing from certified social enterprises and "
                            "report on it",
                            "Correct.",
                        ),
                        wrong(
                            "To buy only from social enterprises",
                            "It encourages preferential purchasing; it does not exclude "
                            "other suppliers.",
                        ),
                        wrong(
                            "Nothing about procurement",
                            "Preferential purchasing is one of its key measures.",
                        ),
                    ),
                ),
            ],
        },
        {
            "slug": "tenders-sse-enterprises-can-win",
            "title": "Designing tenders SSE enterprises can win",
            "summary": (
                "Market engagement, lots, proportionate requirements and prompt payment, with "
                "Barcelona's socially responsible procurement as a case study."
            ),
            "minutes": 40,
            "body": [
                heading("Remove the obstacles before the tender"),
                text(
                    "<p>Small collective enterprises often lose tenders not on quality but on "
                    "form: contracts too large, financial requirements too high, documents "
                    "too complex, payment too slow. Much of this is in the contracting "
                    "authority's hands.</p>"
                    "<ul>"
                    "<li><b>Talk to the market first.</b> Preliminary market consultation "
                    "lets you learn what SSE suppliers can offer and tell them what is "
                    "coming.</li>"
                    "<li><b>Divide into lots</b> by territory or by service, so that smaller "
                    "enterprises can bid.</li>"
                    "<li><b>Keep requirements proportionate</b>: turnover and insurance "
                    "levels linked to the size of the lot.</li>"
                    "<li><b>Allow joint bids</b> by groups of cooperatives or social "
                    "enterprises.</li>"
                    "<li><b>Pay on time</b>: late payment can sink a small enterprise.</li>"
                    "</ul>"
                ),
                case_study(
                    "Socially responsible procurement as standard practice",
                    "Barcelona",
                    "<p>From 2016 Barcelona City Council adopted a mayoral decree and practical "
                    "guides on socially and environmentally responsible public procurement. "
                    "Social clauses (such as hiring people at risk of exclusion, fair "
                    "working conditions, gender equality and subcontracting to social "
                    "enterprises) became part of the standard contract documents, and some "
                    "contracts are reserved for work-integration enterprises and special "
                    "employment centres. The city also trained its contracting staff and "
                    "published guidance for suppliers.</p>",
                ),
                tip(
                    "Start with one category",
                    "<p>Choose a category where SSE suppliers already exist, for instance "
                    "cleaning, catering, gardening or textile recycling, and redesign its "
                    "next tender with them. A success there makes the case for the "
                    "next.</p>",
                ),
                quiz(
                    "Check your understanding",
                    "Three questions on tender design.",
                    multiple(
                        "Which measures help SSE enterprises bid? Tick all that apply.",
                        right("Dividing contracts into lots", "Yes."),
                        right("Proportionate financial requirements", "Yes."),
                        right("Allowing joint bids", "Yes."),
                        wrong(
                            "Requiring ten years of experience for every contract",
                            "This excludes young enterprises without improving quality.",
                        ),
                    ),
                    single(
                        "What is preliminary market consultation for?",
                        right(
                            "Learning what suppliers can offer and informing them before the "
                            "tender",
                            "Correct, as long as it is transparent and does not favour anyone.",
                        ),
                        wrong(
                            "Choosing the winner in advance",
                            "That would breach equal treatment.",
                        ),
                        wrong(
                            "Avoiding a tender altogether",
                            "It prepares a tender; it does not replace it.",
                        ),
                    ),
                    single(
                        "What did Barcelona make part of its standard contract documents?",
                        right("Social clauses", "Correct."),
                        wrong("A ban on private companies", "No such ban exists."),
                        wrong("Lowest-price award only", "The opposite."),
                    ),
                ),
            ],
        },
        {
            "slug": "monitoring-social-clauses",
            "title": "Managing contracts and monitoring social value",
            "summary": (
                "Making social commitments real after signature, and a one-year action plan "
                "for your procurement team."
            ),
            "minutes": 35,
            "body": [
                heading("A clause that is not monitored does not exist"),
                text(
                    "<p>Social clauses only create value if someone checks them. Agree at the "
                    "start what evidence the supplier will provide (for example the number "
                    "of people hired from a target group, hours of training, share of "
                    "subcontracting to social enterprises), how often, and what happens if "
                    "the commitment is not met.</p>"
                ),
                note(
                    "Keep reporting proportionate",
                    "<p>Ask for a few indicators that matter, not a long report. Small "
                    "suppliers should not spend more time reporting than working.</p>",
                ),
                heading("A one-year action plan"),
                text(
                    "<ol>"
                    "<li>Adopt a council decision or internal rule on socially responsible "
                    "procurement.</li>"
                    "<li>Publish a forward plan of contracts.</li>"
                    "<li>Train procurement staff and meet SSE networks.</li>"
                    "<li>Redesign two tenders with lots and social criteria.</li>"
                    "<li>Use reserved contracts where the law allows it.</li>"
                    "<li>Monitor, publish the results and adjust.</li>"
                    "</ol>"
                ),
                resources(
                    "Further reading",
                    link(
                        "Social Economy Gateway (European Commission)",
                        "https://social-economy-gateway.ec.europa.eu",
                        "Guidance and examples of socially responsible public procurement.",
                    ),
                    link(
                        "OECD Recommendation on the SSE and Social Innovation",
                        "https://legalinstruments.oecd.org/en/instruments/OECD-LEGAL-0472",
                        "Access to public markets as part of an SSE ecosystem.",
                    ),
                ),
                quiz(
                    "Check your understanding",
                    "Three questions to end the course.",
                    single(
                        "When should monitoring of social clauses be agreed?",
                        right(
                            "At the start of the contract",
                            "Correct: the evidence, frequency and consequences should be clear "
                            "from the beginning.",
                        ),
                        wrong("Only if there is a complaint", "Too late."),
                        wrong("Never: clauses enforce themselves", "They do not."),
                    ),
                    single(
                        "What kind of reporting should you ask of small suppliers?",
                        right(
                            "A few indicators that matter",
                            "Correct: proportionate reporting.",
                        ),
                        wrong(
                            "A detailed monthly report on everything",
                            "This burdens small suppliers disproportionately.",
                        ),
                        wrong("None at all", "Then the clause cannot be checked."),
                    ),
                    multiple(
                        "Which steps belong to a first-year action plan? Tick all that apply.",
                        right("A forward plan of contracts", "Yes."),
                        right("Training procurement staff", "Yes."),
                        wrong(
                            "Awarding contracts without competition to SSE enterprises",
                            "Reserved contracts still involve competition among eligible bidders.",
                        ),
                    ),
                ),
            ],
        },
    ],
}
