"""Measuring the social economy (English)."""

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
    "slug": "measuring-the-social-economy",
    "title": "Measuring the social economy",
    "summary": (
        "Count the SSE in your territory and show what it achieves: official statistics, "
        "satellite accounts, impact measurement and a local observatory built with the "
        "sector."
    ),
    "description": (
        "<p>What is not counted is easily ignored. Few cities know how many cooperatives, "
        "associations or social enterprises work in their territory, how many people they "
        "employ, or what difference they make. This course shows how to answer both "
        "questions, the <b>size</b> of the SSE and its <b>impact</b>, with methods that "
        "statisticians, researchers and SSE networks have developed and tested.</p>"
        "<h2>What you will learn</h2>"
        "<ul>"
        "<li>The difference between measuring size and measuring impact.</li>"
        "<li>International statistical standards: the ILO guidelines on cooperative "
        "statistics and the UN satellite account handbook.</li>"
        "<li>Impact methods, their uses and their limits.</li>"
        "<li>How to set up a local observatory with the sector and a university.</li>"
        "</ul>"
    ),
    "level": "advanced",
    "format": "self_paced",
    "effort_hours": "7",
    "topics": ["measuring-the-social-economy"],
    "hosts": ["Montréal", "Seoul"],
    "trainers": ["trainer.claire", "trainer.minji"],
    "audience": "everyone",
    "enrolment": "closed",
    "deadline": {"policy": "none"},
    "completion": {"all_modules": True, "min_quiz_score": 70},
    "certificate": True,
    "signatories": [("GSEF Secretariat", "Secretary General, Global Social Economy Forum")],
    "modules": [
        {
            "slug": "why-measure",
            "title": "Why measure, and what?",
            "summary": (
                "Size and impact: two questions, two families of methods, and the uses each "
                "serves in policy."
            ),
            "minutes": 25,
            "body": [
                heading("Two different questions"),
                text(
                    "<ul>"
                    "<li><b>How big is the SSE?</b> Number of organisations, jobs, members, "
                    "turnover and value added, by sector and territory. This is the work of "
                    "statistics.</li>"
                    "<li><b>What difference does it make?</b> Changes for people, "
                    "communities and the environment that can be linked to SSE activity. "
                    "This is the work of impact evaluation.</li>"
                    "</ul>"
                    "<p>Both are useful, for different purposes: statistics make the sector "
                    "visible in economic policy; impact evidence helps decide what to "
                    "support and how.</p>"
                ),
                note(
                    "International texts ask for better data",
                    "<p>The OECD Recommendation on the Social and Solidarity Economy and "
                    "Social Innovation (2022) calls for better data and impact measurement, "
                    "the ILO's 2022 resolution asks the ILO to support statistics on the "
                    "SSE, and UN resolution A/RES/77/281 (2023) encourages attention to the "
                    "SSE in statistics.</p>",
                ),
                important(
                    "Measurement has a cost",
                    "<p>Every indicator asked of a small association takes time from its "
                    "mission. Measure what you will use, and use existing data first.</p>",
                ),
                quiz(
                    "Check your understanding",
                    "Three questions on what to measure.",
                    single(
                        "Which question do statistics on the SSE mainly answer?",
                        right("How big is it?", "Correct: size, jobs, value added."),
                        wrong(
                            "Is it better than the private sector?",
                            "Statistics describe; they do not rank.",
                        ),
                        wrong(
                            "What difference does it make?",
                            "That is the question of impact evaluation.",
                        ),
                    ),
                    multiple(
                        "Which are measures of size? Tick all that apply.",
                        right("Number of jobs", "Yes."),
                        right("Value added", "Yes."),
                        wrong(
                            "Improvement in participants' well-being",
                            "That is an outcome, measured by impact evaluation.",
                        ),
                    ),
                    single(
                        "Why limit the indicators asked of small organisations?",
                        right(
                            "Because measuring takes time from their mission",
                            "Correct.",
                        ),
                        wrong("Because data is never useful", "Data is useful when used."),
                        wrong("Because the law forbids it", "No."),
                    ),
                ),
            ],
        },
        {
            "slug": "statistics-and-satellite-accounts",
            "title": "Statistics and satellite accounts",
            "summary": (
                "The international standards that let statistical offices count the SSE, and "
                "what they require from registers and surveys."
            ),
            "minutes": 40,
            "body": [
                heading("International standards"),
                text(
                    "<ul>"
                    "<li><b>Guidelines concerning statistics of cooperatives</b>, adopted by "
                    "the 20th International Conference of Labour Statisticians (2018), give "
                    "definitions and measures for cooperatives and their members and "
                    "workers.</li>"
                    "<li>The UN <b>Satellite Account on Non-profit and Related Institutions "
                    "and Volunteer Work</b> (2018) extends national accounts to non-profit "
                    "institutions and to the wider third or social economy sector, "
                    "including some cooperatives, mutuals and social enterprises.</li>"
                    "<li>Earlier, a manual prepared by CIRIEC for the European Commission "
                    "(2006) set out satellite accounts for cooperatives and mutual "
                    "societies.</li>"
                    "</ul>"
                ),
                case_study(
                    "A regular satellite account",
                    "Portugal",
                    "<p>Portugal's national statistics institute, working with CASES (the "
                    "António Sérgio Cooperative for the Social Economy), has published several "
                    "editions of a "
                    "satellite account of the social economy, allowing the sector to be "
                    "compared over time and with the rest of the economy.</p>",
                ),
                tip(
                    "Start from registers",
                    "<p>Most of the data already exists: business and association "
                    "registers, tax and social security records. The hard part is "
                    "identifying which units are SSE. Agree a definition with the sector, "
                    "then work with your statistics office to flag those units.</p>",
                ),
                resources(
                    "Further reading",
                    link(
                        "International Labour Organization",
                        "https://www.ilo.org",
                        "Search for the Guidelines concerning statistics of cooperatives "
                        "(20th ICLS, 2018).",
                    ),
                    link(
                        "CIRIEC International",
                        "https://www.ciriec.uliege.be",
                        "Research on the public, social and cooperative economy.",
                    ),
                ),
                quiz(
                    "Check your understanding",
                    "Three questions on statistical standards.",
                    single(
                        "Which body adopted the Guidelines concerning statistics of "
                        "cooperatives in 2018?",
                        right(
                            "The 20th International Conference of Labour Statisticians",
                            "Correct.",
                        ),
                        wrong("The OECD Council", "No."),
                        wrong("The UN Security Council", "No."),
                    ),
                    single(
                        "What does a satellite account do?",
                        right(
                            "It extends national accounts to show a sector not visible in the "
                            "standard tables",
                            "Correct.",
                        ),
                        wrong(
                            "It replaces national accounts",
                            "It complements them.",
                        ),
                        wrong("It measures social impact", "It measures economic size."),
                    ),
                    multiple(
                        "Which existing sources can help count the SSE? Tick all that apply.",
                        right("Business and association registers", "Yes."),
                        right("Social security records", "Yes."),
                        wrong(
                            "Guesses by city staff",
                            "Estimates should rest on data.",
                        ),
                    ),
                ),
            ],
        },
        {
            "slug": "measuring-impact",
            "title": "Measuring impact",
            "summary": (
                "Theories of change, outcome indicators, social return on investment and "
                "sustainability performance indicators: uses and limits."
            ),
            "minutes": 40,
            "body": [
                heading("Start from a theory of change"),
                text(
                    "<p>A <b>theory of change</b> describes how an activity is expected to "
                    "lead to results: inputs, activities, outputs (what is produced), "
                    "outcomes (what changes for people) and impact (the lasting change that "
                    "can be attributed to the activity). It helps choose a small number of "
                    "meaningful indicators.</p>"
                ),
                heading("Methods and their limits"),
                text(
                    "<ul>"
                    "<li><b>Outcome indicators</b> agreed with the enterprise: simple and "
                    "useful, but they do not prove causation.</li>"
                    "<li><b>Social return on investment (SROI)</b>: expresses social value "
                    "in money. It can help a conversation with finance departments, but "
                    "results depend heavily on assumptions and should not be compared "
                    "between organisations.</li>"
                    "<li><b>Sustainability performance indicators</b>: UNRISD has worked on "
                    "indicators that assess SSE organisations against the SDGs and "
                    "planetary boundaries.</li>"
                    "<li><b>Counterfactual evaluation</b>: comparing with a group that did "
                    "not take part. Rigorous but costly; suited to large programmes.</li>"
                    "</ul>"
                ),
                important(
                    "Avoid imposing one method",
                    "<p>Requiring every grantee to produce an SROI report can exclude small "
                    "organisations. Match the method to the size of the funding and the "
                    "decision it informs.</p>",
                ),
                resources(
                    "Further reading",
                    link(
                        "UNRISD",
                        "https://www.unrisd.org",
                        "Research on the SSE and sustainable development performance indicators.",
                    ),
                    link(
                        "Social Value International",
                        "https://www.socialvalueint.org",
                        "Principles of social value accounting.",
                    ),
                ),
                quiz(
                    "Check your understanding",
                    "Three questions on impact measurement.",
                    single(
                        "What is an outcome in a theory of change?",
                        right(
                            "A change for people that results from the activity",
                            "Correct.",
                        ),
                        wrong(
                            "The number of workshops held",
                            "That is an output.",
                        ),
                        wrong("The budget spent", "That is an input."),
                    ),
                    single(
                        "What is a limit of SROI?",
                        right(
                            "Results depend heavily on assumptions and should not be compared "
                            "between organisations",
                            "Correct.",
                        ),
                        wrong(
                            "It cannot be expressed in money",
                            "It is expressed in money.",
                        ),
                        wrong("It is illegal in some countries", "No."),
                    ),
                    multiple(
                        "Good practice in impact measurement includes… Tick all that apply.",
                        right(
                            "Matching the method to the size of the funding",
                            "Yes.",
                        ),
                        right("Agreeing indicators with the enterprise", "Yes."),
                        wrong(
                            "Imposing the same detailed method on every grantee",
                            "This excludes small organisations.",
                        ),
                    ),
                ),
            ],
        },
        {
            "slug": "a-local-observatory",
            "title": "Building a local SSE observatory",
            "summary": (
                "How to set up a lasting, shared source of data on your territory's SSE with "
                "the sector, a university and the statistics office."
            ),
            "minutes": 35,
            "body": [
                heading("A shared project"),
                text(
                    "<p>A local observatory gathers and publishes data on the SSE of a "
                    "territory, regularly. It works best as a partnership: SSE networks "
                    "bring knowledge and trust, a university brings method and "
                    "independence, the statistics office brings data and the city brings "
                    "continuity and funding.</p>"
                ),
                case_study(
                    "Portraits built with the sector",
                    "Québec",
                    "<p>In Québec, statistical portraits of the social economy have been "
                    "prepared by the official statistics institute in partnership with the "
                    "sector, building on the definition in the Social Economy Act (2013). "
                    "Research partnerships between universities and SSE networks, such as "
                    "those supported by TIESS, help turn data into knowledge that "
                    "enterprises and policymakers use.</p>",
                ),
                heading("Five design choices"),
                text(
                    "<ol>"
                    "<li>A definition agreed with the sector.</li>"
                    "<li>A small core of indicators, published every year or two.</li>"
                    "<li>Clear rules on personal and commercial data protection.</li>"
                    "<li>Open publication, in accessible formats and languages.</li>"
                    "<li>Multi-year funding, so that series can be compared over time.</li>"
                    "</ol>"
                ),
                resources(
                    "Further reading",
                    link(
                        "TIESS",
                        "https://tiess.ca",
                        "Québec's liaison and transfer organisation for the social economy "
                        "(in French).",
                    ),
                    link(
                        "UNTFSSE Knowledge Hub",
                        "https://knowledgehub.unsse.org",
                        "Research papers on measuring the SSE.",
                    ),
                ),
                quiz(
                    "Check your understanding",
                    "Three questions to end the course.",
                    multiple(
                        "Who should take part in a local observatory? Tick all that apply.",
                        right("SSE networks", "Yes."),
                        right("A university or research centre", "Yes."),
                        right("The statistics office", "Yes."),
                        wrong(
                            "Only the city's communications department",
                            "An observatory needs method, data and the sector.",
                        ),
                    ),
                    single(
                        "Why does an observatory need multi-year funding?",
                        right(
                            "So that series can be compared over time",
                            "Correct.",
                        ),
                        wrong("To pay for advertising", "No."),
                        wrong("Because data expires every year", "No."),
                    ),
                    single(
                        "What should come first?",
                        right("A definition agreed with the sector", "Correct."),
                        wrong("A large survey", "Not before agreeing what to count."),
                        wrong("A ranking of enterprises", "An observatory describes."),
                    ),
                ),
            ],
        },
    ],
}
