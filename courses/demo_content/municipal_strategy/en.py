"""Designing a municipal SSE strategy: lessons from Seoul, Montréal and Bilbao (English)."""

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
    "slug": "designing-a-municipal-sse-strategy",
    "title": "Designing a municipal SSE strategy: lessons from Seoul, Montréal and Bilbao",
    "summary": (
        "How three GSEF members built lasting social and solidarity economy policies, and a "
        "step-by-step method to design a strategy that fits your own city."
    ),
    "description": (
        "<p>Seoul, Montréal and Bilbao are three of the cities that have done most to put the "
        "social and solidarity economy (SSE) at the heart of local development, by very "
        "different routes: an ecosystem built quickly by a city government in Seoul, decades "
        "of co-construction with a strong sector in Montréal, and a cooperative tradition "
        "rooted in the Basque Country around Bilbao.</p>"
        "<p>This course looks at what each did, what worked, what did not, and what can be "
        "carried over to other contexts. It ends with a method to draft your own strategy.</p>"
        "<h2>What you will learn</h2>"
        "<ul>"
        "<li>The building blocks of a municipal SSE strategy.</li>"
        "<li>How Seoul built a support ecosystem, and why continuity matters.</li>"
        "<li>How Montréal co-constructs policy with the Chantier de l'économie sociale.</li>"
        "<li>What the Basque cooperative experience, from Mondragon to Bilbao, teaches about "
        "long-term institutions.</li>"
        "</ul>"
        "<h2>Before you start</h2>"
        "<p>The course “Introduction to the social and solidarity economy for local "
        "governments”, or equivalent experience, is recommended.</p>"
    ),
    "level": "intermediate",
    "format": "blended",
    "effort_hours": "8",
    "topics": ["local-development-strategy", "partnerships", "social-innovation"],
    "hosts": ["Seoul", "Montréal", "Bilbao"],
    "trainers": ["trainer.minji", "trainer.claire", "trainer.lucia"],
    "audience": "everyone",
    "enrolment": "open",
    "deadline": {"policy": "relative", "days": 60},
    "completion": {"all_modules": True, "min_quiz_score": 70},
    "certificate": True,
    "signatories": [
        ("GSEF Secretariat", "Secretary General, Global Social Economy Forum"),
        ("GSEF Academy", "Head of Training, GSEF Academy"),
    ],
    "modules": [
        {
            "slug": "what-a-municipal-strategy-is",
            "title": "What a municipal SSE strategy is",
            "summary": (
                "The six building blocks of a strategy and the difference between a strategy "
                "and a list of projects."
            ),
            "minutes": 35,
            "body": [
                heading("More than a list of projects"),
                text(
                    "<p>Many cities support the SSE through separate projects: a grant here, "
                    "an incubator there, a fair once a year. A <b>strategy</b> links them to a "
                    "shared goal, assigns responsibilities and a budget, and is reviewed over "
                    "time. It also tells the sector what it can count on beyond the next "
                    "budget year.</p>"
                ),
                heading("Six building blocks"),
                text(
                    "<ol>"
                    "<li><b>A diagnosis</b>: who the SSE actors of the territory are, what "
                    "they do, what needs of the population they meet, and what holds them "
                    "back.</li>"
                    "<li><b>A shared vision</b>: what the city wants the SSE to contribute to, "
                    "such as care, housing, decent jobs, the ecological transition or "
                    "neighbourhood revitalisation.</li>"
                    "<li><b>Instruments</b>: support services, finance, access to public "
                    "procurement, premises, training and awareness.</li>"
                    "<li><b>Governance</b>: how the sector takes part in designing and "
                    "steering the strategy, and which department leads inside the "
                    "administration.</li>"
                    "<li><b>Resources and anchoring</b>: a budget line, staff, and if "
                    "possible a by-law or council resolution that outlives the current "
                    "term.</li>"
                    "<li><b>Evaluation</b>: a few indicators agreed with the sector and a "
                    "review date.</li>"
                    "</ol>"
                ),
                note(
                    "Strategies are built with the sector, not for it",
                    "<p>In all three cities in this course, SSE networks were involved from "
                    "the diagnosis onwards. The OECD Recommendation on the Social and "
                    "Solidarity Economy and Social Innovation (2022) also stresses "
                    "co-construction with SSE actors.</p>",
                ),
                tip(
                    "Fit the strategy to your powers",
                    "<p>A metropolitan government, a district and a small municipality have "
                    "different powers and budgets. List what your level of government "
                    "controls (procurement, land, business support, social services) before "
                    "choosing instruments.</p>",
                ),
                quiz(
                    "Check your understanding",
                    "Three questions on the elements of a strategy.",
                    single(
                        "What most distinguishes a strategy from a set of projects?",
                        right(
                            "It links actions to a shared goal, with responsibilities, a budget "
                            "and a review over time",
                            "Correct: coherence and continuity are what a strategy adds.",
                        ),
                        wrong(
                            "It has more projects",
                            "The number of projects is not what matters.",
                        ),
                        wrong(
                            "It is written by consultants",
                            "Who writes it matters less than whether the sector helped shape it.",
                        ),
                    ),
                    multiple(
                        "Which of these are building blocks of a municipal SSE strategy? Tick "
                        "all that apply.",
                        right("A diagnosis of the local SSE", "Yes: it is the starting point."),
                        right(
                            "A governance arrangement with the sector",
                            "Yes: the sector takes part in steering the strategy.",
                        ),
                        right(
                            "Indicators and a review date",
                            "Yes: evaluation allows the strategy to improve.",
                        ),
                        wrong(
                            "A commitment that the city will own SSE enterprises",
                            "No: the city supports an autonomous sector.",
                        ),
                    ),
                    single(
                        "Why anchor a strategy in a by-law or council resolution?",
                        right(
                            "So that it can outlive a change of administration",
                            "Correct: continuity gives the sector confidence to invest.",
                        ),
                        wrong(
                            "Because a strategy is illegal without one",
                            "It is not a legal requirement; it is a safeguard.",
                        ),
                        wrong(
                            "To stop the sector from being consulted",
                            "Anchoring and consultation go together.",
                        ),
                    ),
                ),
            ],
        },
        {
            "slug": "seoul-building-an-ecosystem",
            "title": "Seoul: building an ecosystem",
            "summary": (
                "How the Seoul Metropolitan Government built support centres, finance and "
                "public purchasing for the social economy, and what happened when priorities "
                "changed."
            ),
            "minutes": 40,
            "body": [
                heading("A national framework, a city-wide push"),
                text(
                    "<p>Korea's Social Enterprise Promotion Act (2007) and Framework Act on "
                    "Cooperatives (2012) gave the country a legal basis for the social "
                    "economy. From 2012 the Seoul Metropolitan Government made the social "
                    "economy one of its main economic policies, working with a civil-society "
                    "network of social economy organisations.</p>"
                ),
                case_study(
                    "The Seoul Social Economy Support Center",
                    "Seoul",
                    "<p>Opened in 2013 and run by civil society under contract with the city, "
                    "the centre offered start-up advice, training, shared workspace, "
                    "networking and research. <b>District support centres</b> followed, so "
                    "that help was available close to where enterprises and residents are. "
                    "The city also promoted the <b>public purchase</b> of social economy "
                    "products, created a <b>social investment fund</b> and supported "
                    "neighbourhood-based social economy projects.</p>",
                ),
                heading("Seoul and the birth of GSEF"),
                text(
                    "<p>In 2013 Seoul hosted the first Global Social Economy Forum, and the "
                    "following year the Global Social Economy Forum was founded as an "
                    "international association with its secretariat in Seoul. The city's "
                    "experience travelled: several Korean cities and districts, such as "
                    "Gwangju, developed their own social economy policies.</p>"
                ),
                important(
                    "When priorities change",
                    "<p>Following a change of city leadership in 2021, Seoul substantially "
                    "revised its support for social economy intermediary organisations, and "
                    "several programmes were reduced or ended. For other cities the lesson "
                    "is not to avoid support centres, but to design them so that the "
                    "sector's own organisations, laws and diverse sources of income carry "
                    "the ecosystem even when the city's priorities change.</p>",
                ),
                tip(
                    "What to borrow from Seoul",
                    "<ul>"
                    "<li>One visible front door for every kind of SSE enterprise.</li>"
                    "<li>Support close to neighbourhoods, not only in the city centre.</li>"
                    "<li>Public purchasing as a market, not only grants.</li>"
                    "</ul>",
                ),
                resources(
                    "Further reading",
                    link(
                        "Global Social Economy Forum",
                        "https://gsef-net.org",
                        "GSEF's history, members and policy resources.",
                    ),
                    link(
                        "Korea Social Enterprise Promotion Agency",
                        "https://www.socialenterprise.or.kr",
                        "The national agency for social enterprises in Korea.",
                    ),
                ),
                quiz(
                    "Check your understanding",
                    "Three questions on Seoul's experience.",
                    single(
                        "Which Korean law of 2012 made it easier to found cooperatives?",
                        right(
                            "The Framework Act on Cooperatives",
                            "Correct. The Social Enterprise Promotion Act dates from 2007.",
                        ),
                        wrong(
                            "The Seoul Social Economy Charter",
                            "There is no law by that name.",
                        ),
                        wrong(
                            "The Social Economy Act",
                            "That is Québec's law of 2013.",
                        ),
                    ),
                    multiple(
                        "Which instruments did Seoul use? Tick all that apply.",
                        right("A city-wide support centre", "Yes, opened in 2013."),
                        right("District support centres", "Yes, to bring help closer."),
                        right(
                            "Public purchasing of social economy products",
                            "Yes: the city promoted it as a market for the sector.",
                        ),
                        wrong(
                            "A ban on conventional businesses in some districts",
                            "No such measure existed.",
                        ),
                    ),
                    single(
                        "What is the main lesson of the changes after 2021?",
                        right(
                            "Design support so that the sector's own organisations and laws "
                            "can carry the ecosystem when city priorities change",
                            "Correct: resilience should be part of the design.",
                        ),
                        wrong(
                            "Support centres should never be created",
                            "They played a key role; the lesson is about resilience.",
                        ),
                        wrong(
                            "Cities should never change policies",
                            "Policies change democratically; the question is what survives.",
                        ),
                    ),
                ),
            ],
        },
        {
            "slug": "montreal-co-construction",
            "title": "Montréal: co-construction with the Chantier de l'économie sociale",
            "summary": (
                "How a city and a strong, organised sector have designed policy together for "
                "more than twenty-five years, and the financing tools that grew from it."
            ),
            "minutes": 40,
            "body": [
                heading("From a summit to a lasting partnership"),
                text(
                    "<p>The <b>Chantier de l'économie sociale</b> began as a working group at "
                    "the Québec Summit on the Economy and Employment in 1996 and became an "
                    "independent network in 1999. It brings together enterprises, sectoral "
                    "networks, local development bodies and social movements. Québec's "
                    "<i>Social Economy Act</i> (2013) names it, with the Conseil québécois de "
                    "la coopération et de la mutualité, as the government's privileged "
                    "partner.</p>"
                ),
                case_study(
                    "A partnership signed by the City",
                    "Montréal",
                    "<p>In 2009 the City of Montréal and its partners, including the "
                    "Chantier, signed a partnership for a solidarity-based and sustainable "
                    "development. Since then the City has adopted social economy action "
                    "plans prepared with the sector, supported social economy enterprises "
                    "through its business support network, and worked to open municipal "
                    "purchasing to them. Montréal hosted the GSEF forum in 2016.</p>",
                ),
                heading("Financing tools built by the sector"),
                text(
                    "<p>Québec's SSE built its own finance: the <b>Réseau d'investissement "
                    "social du Québec (RISQ)</b>, created in 1997, and the <b>Fiducie du "
                    "Chantier de l'économie sociale</b>, created in 2007 to provide patient "
                    "capital, alongside the Caisse d'économie solidaire Desjardins and "
                    "labour-sponsored funds. Public authorities contributed capital, but the "
                    "tools are run by and for the sector.</p>"
                ),
                note(
                    "Co-construction is not consultation",
                    "<p>Consultation asks the sector's opinion on a finished policy. "
                    "Co-construction involves the sector in defining the problem, the "
                    "instruments and the evaluation. It takes longer, and it needs a sector "
                    "organised enough to speak with one voice.</p>",
                ),
                resources(
                    "Further reading",
                    link(
                        "Chantier de l'économie sociale",
                        "https://chantier.qc.ca",
                        "The Chantier's history, members and publications (in French).",
                    ),
                    link(
                        "TIESS",
                        "https://tiess.ca",
                        "Québec's liaison and transfer organisation for social innovation "
                        "and the social economy (in French).",
                    ),
                ),
                quiz(
                    "Check your understanding",
                    "Three questions on Montréal's experience.",
                    single(
                        "Where did the Chantier de l'économie sociale come from?",
                        right(
                            "A working group at the 1996 Québec Summit on the Economy and "
                            "Employment",
                            "Correct. It became an independent network in 1999.",
                        ),
                        wrong(
                            "A department of the City of Montréal",
                            "The Chantier is independent of government.",
                        ),
                        wrong(
                            "The first GSEF forum",
                            "The first GSEF forum was held in Seoul in 2013.",
                        ),
                    ),
                    single(
                        "What distinguishes co-construction from consultation?",
                        right(
                            "The sector helps define the problem, the instruments and the "
                            "evaluation, not only comment on a finished policy",
                            "Correct.",
                        ),
                        wrong(
                            "Co-construction is faster",
                            "It usually takes longer.",
                        ),
                        wrong(
                            "There is no difference",
                            "The depth of involvement is very different.",
                        ),
                    ),
                    multiple(
                        "Which of these are financing tools of Québec's social economy? Tick "
                        "all that apply.",
                        right("RISQ", "Yes, created in 1997."),
                        right(
                            "The Fiducie du Chantier de l'économie sociale", "Yes, created in 2007."
                        ),
                        wrong(
                            "The Seoul Social Investment Fund",
                            "That fund was created by the Seoul Metropolitan Government.",
                        ),
                    ),
                ),
            ],
        },
        {
            "slug": "bilbao-and-the-basque-cooperative-tradition",
            "title": "Bilbao and the Basque cooperative tradition, and your own strategy",
            "summary": (
                "What the Basque cooperative movement, from Mondragon to Bilbao, teaches about "
                "long-term institutions, and a method to draft your own strategy."
            ),
            "minutes": 45,
            "body": [
                heading("A cooperative tradition"),
                text(
                    "<p>The Basque Country is known worldwide for the <b>Mondragon</b> "
                    "cooperative experience, which began in 1956 with a small worker "
                    "cooperative in the town of Arrasate-Mondragón and grew into a group of "
                    "industrial, retail, finance, education and research cooperatives. It "
                    "built its own institutions: a cooperative bank (Caja Laboral, today "
                    "Laboral Kutxa), a social protection mutual, technical schools and a "
                    "university.</p>"
                ),
                case_study(
                    "Intercooperation in practice",
                    "Basque Country",
                    "<p>Mondragon's cooperatives share part of their results through common "
                    "funds for investment, education and the promotion of new cooperatives, "
                    "and relocate worker-members between cooperatives when one of them has to "
                    "shed jobs. When Fagor Electrodomésticos, one of the group's oldest "
                    "cooperatives, went bankrupt in 2013, many of its members were relocated "
                    "to other cooperatives: a hard test that showed both the limits and the "
                    "strength of intercooperation.</p>",
                ),
                case_study(
                    "A city in a cooperative region",
                    "Bilbao",
                    "<p>Bilbao works within a dense regional ecosystem: the Basque "
                    "Government's cooperative legislation and support, the Provincial "
                    "Council of Bizkaia, federations of cooperatives and universities. The "
                    "City Council supports entrepreneurship, including social economy "
                    "enterprises, through its economic development agency, and hosted the "
                    "GSEF forum in 2018.</p>",
                ),
                heading("Drafting your own strategy"),
                text(
                    "<ol>"
                    "<li>Set up a small steering group with SSE networks from the start.</li>"
                    "<li>Carry out the diagnosis together: map the actors and the obstacles "
                    "they face.</li>"
                    "<li>Choose three or four priorities where the SSE can meet a clear need "
                    "of the city.</li>"
                    "<li>Pick instruments you control and can fund for several years.</li>"
                    "<li>Anchor the strategy: council resolution, budget line, named "
                    "department.</li>"
                    "<li>Agree a few indicators and a public review date.</li>"
                    "</ol>"
                ),
                important(
                    "Models do not travel, lessons do",
                    "<p>Seoul's speed, Montréal's co-construction and the Basque institutions "
                    "grew from particular histories. Bamako, Mexico City or your own city "
                    "will find its own path: what travels is the method (start from the "
                    "actors, build institutions that last, share power with the sector).</p>",
                ),
                resources(
                    "Further reading",
                    link(
                        "MONDRAGON Corporation",
                        "https://www.mondragon-corporation.com",
                        "The group's history, cooperative principles and structure.",
                    ),
                    link(
                        "OECD Recommendation on the SSE and Social Innovation",
                        "https://legalinstruments.oecd.org/en/instruments/OECD-LEGAL-0472",
                        "A checklist of policy areas for an SSE ecosystem.",
                    ),
                ),
                quiz(
                    "Check your understanding",
                    "Three questions to end the course.",
                    single(
                        "What is intercooperation in the Mondragon experience?",
                        right(
                            "Cooperatives sharing funds and relocating worker-members between them",
                            "Correct: solidarity between enterprises, not only within each.",
                        ),
                        wrong(
                            "Cooperatives merging into one company",
                            "The cooperatives remain distinct enterprises.",
                        ),
                        wrong(
                            "Government ownership of the cooperatives",
                            "The cooperatives are owned by their members.",
                        ),
                    ),
                    single(
                        "What does the 2013 bankruptcy of Fagor Electrodomésticos show?",
                        right(
                            "Both the limits and the strength of intercooperation: the "
                            "enterprise failed, but many members were relocated",
                            "Correct: a balanced reading of a hard case.",
                        ),
                        wrong(
                            "That cooperatives cannot fail",
                            "Cooperatives can and do fail, like any enterprise.",
                        ),
                        wrong(
                            "That the Mondragon group no longer exists",
                            "The group continues to operate.",
                        ),
                    ),
                    multiple(
                        "Which steps belong to drafting a strategy? Tick all that apply.",
                        right(
                            "A steering group with SSE networks from the start",
                            "Yes: co-construction begins with the diagnosis.",
                        ),
                        right(
                            "A budget line and a named department",
                            "Yes: anchoring makes it last.",
                        ),
                        wrong(
                            "Copying another city's strategy word for word",
                            "Lessons travel; models rarely do.",
                        ),
                    ),
                ),
            ],
        },
    ],
}
