"""Partnership governance between city halls and civil society (English)."""

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
    text,
    tip,
    wrong,
)

COURSE = {
    "slug": "partnership-governance-between-city-halls-and-civil-society",
    "title": "Partnership governance between city halls and civil society",
    "summary": (
        "How to co-construct and co-manage SSE policy with civil society: models from "
        "Montréal, Seoul, Bologna and Italy's third sector code, the instruments that make "
        "partnerships work, and how to keep them alive."
    ),
    "description": (
        "<p>Every successful local SSE policy in this academy rests on a partnership between "
        "a city hall and organised civil society. Such partnerships are demanding: they "
        "share power, take time and survive only if both sides keep their autonomy. This "
        "course, taught as a series of live webinars with self-paced modules in between, "
        "looks at the models, the instruments and the everyday practice of partnership "
        "governance.</p>"
        "<h2>What you will learn</h2>"
        "<ul>"
        "<li>The difference between information, consultation, co-construction and "
        "co-management.</li>"
        "<li>Partnership models from Montréal, Seoul, Bologna and Italy.</li>"
        "<li>Instruments: agreements, joint bodies, co-design procedures and participatory "
        "budgets.</li>"
        "<li>How to handle conflict, protect autonomy and evaluate a partnership.</li>"
        "</ul>"
    ),
    "level": "intermediate",
    "format": "webinar_series",
    "effort_hours": "9",
    "topics": ["partnerships", "community-based-solutions", "social-innovation"],
    "hosts": ["Montréal", "Chantier", "Mexico City", "Bamako"],
    "trainers": ["trainer.claire", "trainer.lucia"],
    "audience": "everyone",
    "enrolment": "open",
    # Days after the demo is seeded, so the demo shows an open course whenever it is loaded.
    "enrolment_closes_in_days": 270,
    "deadline": {"policy": "fixed", "in_days": 300},
    "completion": {"all_modules": True, "min_quiz_score": None, "min_webinars": 0},
    "certificate": True,
    "signatories": [
        ("GSEF Secretariat", "Secretary General, Global Social Economy Forum"),
        ("Chantier de l'économie sociale", "Partner organisation"),
    ],
    "modules": [
        {
            "slug": "why-co-construction",
            "title": "From consultation to co-construction",
            "summary": (
                "The levels of public participation, and why SSE policy works best when it "
                "is co-constructed with the sector."
            ),
            "minutes": 30,
            "body": [
                heading("Levels of participation"),
                text(
                    "<ol>"
                    "<li><b>Information</b>: the city tells civil society what it has "
                    "decided.</li>"
                    "<li><b>Consultation</b>: the city asks for opinions on a draft.</li>"
                    "<li><b>Co-construction</b>: the city and civil society define the "
                    "problem, the instruments and the evaluation together; elected bodies "
                    "still decide.</li>"
                    "<li><b>Co-management</b>: a joint body runs a programme or an asset "
                    "together.</li>"
                    "</ol>"
                    "<p>Each level has its place. Co-construction suits SSE policy because "
                    "the sector holds knowledge the administration lacks and because "
                    "participation is itself an SSE principle.</p>"
                ),
                note(
                    "Co-construction does not remove democratic responsibility",
                    "<p>Elected councils still vote budgets and by-laws. Co-construction "
                    "shapes what they are asked to decide and how it is carried out.</p>",
                ),
                important(
                    "Conditions for co-construction",
                    "<ul>"
                    "<li>A sector organised enough to be represented.</li>"
                    "<li>Political backing, and staff with time and a mandate.</li>"
                    "<li>Rules known in advance: who sits at the table, how decisions are "
                    "prepared, what is public.</li>"
                    "</ul>",
                ),
                quiz(
                    "Check your understanding",
                    "Three questions on levels of participation.",
                    single(
                        "In co-construction, who takes the final decision on a by-law?",
                        right(
                            "The elected council",
                            "Correct: co-construction shapes the proposal, not the vote.",
                        ),
                        wrong("The SSE networks alone", "They contribute; they do not vote."),
                        wrong("A consultant", "No."),
                    ),
                    single(
                        "What distinguishes co-management from co-construction?",
                        right(
                            "A joint body actually runs a programme or asset",
                            "Correct.",
                        ),
                        wrong("There is no difference", "Co-management goes further."),
                        wrong(
                            "Co-management means civil society has no role",
                            "The opposite.",
                        ),
                    ),
                    multiple(
                        "Which are conditions for co-construction? Tick all that apply.",
                        right("An organised sector", "Yes."),
                        right("Rules known in advance", "Yes."),
                        right("Staff with time and a mandate", "Yes."),
                        wrong(
                            "Secret meetings",
                            "Transparency is a condition of legitimacy.",
                        ),
                    ),
                ),
            ],
        },
        {
            "slug": "partnership-models",
            "title": "Partnership models from four places",
            "summary": (
                "Montréal and the Chantier, Seoul's public-private governance, Bologna's "
                "urban commons pacts and Italy's co-programming and co-design."
            ),
            "minutes": 45,
            "body": [
                case_study(
                    "A long-term partnership with a sector-wide network",
                    "Montréal",
                    "<p>Since the Chantier de l'économie sociale emerged from the 1996 Québec "
                    "Summit on the Economy and Employment, the City of Montréal has worked "
                    "with it and other partners on successive social economy agreements and "
                    "action plans, starting with the 2009 partnership for a solidarity-based "
                    "and sustainable development.</p>",
                ),
                case_study(
                    "Public-private governance of the social economy",
                    "Seoul",
                    "<p>Seoul's social economy policy in the 2010s was designed and run with a "
                    "civil-society network of social economy organisations, and its support "
                    "centre was operated by civil society under contract with the city. "
                    "Later changes showed how much such arrangements depend on political "
                    "continuity.</p>",
                ),
                case_study(
                    "Pacts of collaboration for the urban commons",
                    "Bologna",
                    "<p>In 2014 Bologna adopted a regulation on collaboration between "
                    "citizens and the city for the care and regeneration of urban commons. "
                    "Residents, associations and cooperatives sign <i>pacts of "
                    "collaboration</i> with the city to look after squares, gardens or "
                    "buildings. Many Italian cities adopted similar regulations.</p>",
                ),
                case_study(
                    "Co-programming and co-design in law",
                    "Italy",
                    "<p>Article 55 of Italy's Third Sector Code (2017) requires public "
                    "administrations to involve third-sector organisations through "
                    "<i>co-programming</i> (identifying needs and priorities together) and "
                    "<i>co-design</i> (designing and carrying out services together). "
                    "Italy's Constitutional Court confirmed in 2020 that this is a "
                    "legitimate alternative to competitive tendering.</p>",
                ),
                tip(
                    "Look for your own legal basis",
                    "<p>Many countries have a rule that allows agreements with non-profit "
                    "or SSE organisations outside ordinary procurement. Ask your legal "
                    "department what it is called in your system.</p>",
                ),
                resources(
                    "Further reading",
                    link(
                        "Chantier de l'économie sociale",
                        "https://chantier.qc.ca",
                        "The Chantier's partnerships with public authorities (in French).",
                    ),
                    link(
                        "Labsus",
                        "https://www.labsus.org",
                        "The Italian laboratory for subsidiarity, which promotes the urban "
                        "commons regulations (in Italian).",
                    ),
                ),
                quiz(
                    "Check your understanding",
                    "Four questions on partnership models.",
                    single(
                        "What do Bologna's pacts of collaboration do?",
                        right(
                            "Let residents and organisations care for urban commons together "
                            "with the city",
                            "Correct.",
                        ),
                        wrong("Privatise public spaces", "The spaces remain public."),
                        wrong("Replace elections", "No."),
                    ),
                    single(
                        "What does Article 55 of Italy's Third Sector Code provide for?",
                        right("Co-programming and co-design", "Correct."),
                        wrong("Tax exemptions", "Not this article."),
                        wrong("A ban on cooperatives", "No."),
                    ),
                    single(
                        "What did the Seoul experience show about partnership governance?",
                        right(
                            "How much it depends on political continuity",
                            "Correct: partnerships need anchoring beyond one administration.",
                        ),
                        wrong("That it never works", "It achieved a great deal."),
                        wrong("That civil society should run the city", "No."),
                    ),
                    multiple(
                        "Which are partnership instruments? Tick all that apply.",
                        right("Pacts of collaboration", "Yes."),
                        right("Co-design procedures", "Yes."),
                        wrong("Anonymous complaints", "Not a partnership instrument."),
                    ),
                ),
            ],
        },
        {
            "slug": "partnership-instruments",
            "title": "Instruments: agreements, joint bodies and participatory budgets",
            "summary": (
                "The practical instruments that give a partnership form, from memoranda of "
                "understanding to participatory budgeting and community asset transfer."
            ),
            "minutes": 40,
            "body": [
                heading("Giving a partnership a form"),
                text(
                    "<ul>"
                    "<li><b>Partnership agreements</b>: a written, public text setting out "
                    "shared goals, roles, resources and review dates.</li>"
                    "<li><b>Joint bodies</b>: an SSE council or steering committee with "
                    "representatives of the city and the sector, with a clear mandate.</li>"
                    "<li><b>Multi-year funding agreements</b> that let organisations plan "
                    "beyond one budget year.</li>"
                    "<li><b>Participatory budgeting</b>: residents propose and choose "
                    "projects for part of the budget, as pioneered in Porto Alegre from "
                    "1989.</li>"
                    "<li><b>Community asset transfer</b>: handing over the management or "
                    "ownership of public buildings or land to community organisations, as "
                    "provided for in Scotland's Community Empowerment Act (2015).</li>"
                    "</ul>"
                ),
                case_study(
                    "Working with neighbourhood organisations",
                    "Bamako",
                    "<p>In many West African cities, neighbourhood associations, women's "
                    "groups and cooperatives already manage services such as waste "
                    "collection, water points or markets. A partnership approach recognises "
                    "these organisations, formalises their role in simple agreements and "
                    "involves them in planning, rather than replacing them.</p>",
                ),
                important(
                    "Put it in writing, and make it public",
                    "<p>Unwritten partnerships depend on a few people. A short public "
                    "agreement protects both sides when people or priorities change.</p>",
                ),
                quiz(
                    "Check your understanding",
                    "Three questions on instruments.",
                    single(
                        "Where was participatory budgeting pioneered?",
                        right("Porto Alegre, from 1989", "Correct."),
                        wrong("Bologna, in 2014", "That was the urban commons regulation."),
                        wrong("Montréal, in 1996", "That was the Summit."),
                    ),
                    single(
                        "What is community asset transfer?",
                        right(
                            "Handing over the management or ownership of public assets to "
                            "community organisations",
                            "Correct.",
                        ),
                        wrong("Selling assets to the highest bidder", "No."),
                        wrong("A tax on community organisations", "No."),
                    ),
                    multiple(
                        "Why write a partnership agreement down? Tick all that apply.",
                        right("It protects both sides when people change", "Yes."),
                        right("It makes roles and resources clear", "Yes."),
                        wrong(
                            "It makes the partnership permanent whatever happens",
                            "Agreements can and should be reviewed.",
                        ),
                    ),
                ),
            ],
        },
        {
            "slug": "keeping-partnerships-alive",
            "title": "Keeping partnerships alive: trust, conflict and evaluation",
            "summary": (
                "Protecting the autonomy of civil society, handling disagreement, and "
                "evaluating the partnership itself."
            ),
            "minutes": 35,
            "body": [
                heading("Autonomy is the point"),
                text(
                    "<p>A partner that depends entirely on the city cannot disagree with it, "
                    "and a partnership without disagreement learns nothing. Protect "
                    "autonomy by funding on transparent criteria, accepting public "
                    "criticism and encouraging partners to diversify their income.</p>"
                ),
                heading("When there is conflict"),
                text(
                    "<ul>"
                    "<li>Agree in advance how disagreements are raised and discussed.</li>"
                    "<li>Separate the partnership from individual funding decisions.</li>"
                    "<li>Use a neutral facilitator when positions harden.</li>"
                    "</ul>"
                ),
                heading("Evaluate the partnership, not only the projects"),
                text(
                    "<p>Once a year, ask both sides: Are the right people at the table? Did "
                    "the partnership change decisions? Is information shared on time? Is "
                    "trust growing or shrinking? Publish the answers and the changes you "
                    "make.</p>"
                ),
                tip(
                    "Learn from peers",
                    "<p>GSEF's forums and working groups bring together city halls and SSE "
                    "networks from every region. Take a civil-society partner with you: "
                    "learning together is part of the partnership.</p>",
                ),
                resources(
                    "Further reading",
                    link(
                        "Global Social Economy Forum",
                        "https://gsef-net.org",
                        "GSEF's members, forums and working groups.",
                    ),
                    link(
                        "RIPESS",
                        "https://www.ripess.org",
                        "The intercontinental SSE network and its members in every region.",
                    ),
                    link(
                        "UN Inter-Agency Task Force on SSE",
                        "https://unsse.org",
                        "Publications on SSE policy and governance.",
                    ),
                ),
                quiz(
                    "Check your understanding",
                    "Three questions to end the course.",
                    single(
                        "Why protect the autonomy of civil-society partners?",
                        right(
                            "Because a partner that cannot disagree cannot help the partnership "
                            "learn",
                            "Correct.",
                        ),
                        wrong("To reduce the city's costs", "That is not the reason."),
                        wrong("Because the law always requires it", "Not the main reason."),
                    ),
                    multiple(
                        "What helps handle conflict? Tick all that apply.",
                        right("Agreeing in advance how disagreements are raised", "Yes."),
                        right("Using a neutral facilitator", "Yes."),
                        wrong(
                            "Cutting the funding of critical partners",
                            "This destroys trust and autonomy.",
                        ),
                    ),
                    single(
                        "What should an annual evaluation of the partnership ask?",
                        right(
                            "Whether the partnership changed decisions and whether trust is "
                            "growing",
                            "Correct.",
                        ),
                        wrong("Only how much money was spent", "That is not enough."),
                        wrong("Nothing: partnerships cannot be evaluated", "They can."),
                    ),
                ),
            ],
        },
    ],
}
