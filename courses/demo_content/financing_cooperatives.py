"""Financing cooperatives (English)."""

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
    "slug": "financing-cooperatives",
    "title": "Financing cooperatives",
    "summary": (
        "Why cooperatives struggle to raise capital, the instruments that work for them, "
        "from member shares to patient capital and guarantee funds, and what a city can do."
    ),
    "description": (
        "<p>Cooperatives are owned by their members, one member one vote, and pay a limited "
        "return on capital. These are their strengths, and they are also why banks and "
        "investors often misunderstand them. This course explains how cooperatives are "
        "financed, which instruments have been built for them around the world, and how a "
        "local government can help close the gap without taking control.</p>"
        "<h2>What you will learn</h2>"
        "<ul>"
        "<li>How cooperative capital works: member shares, reserves and surpluses.</li>"
        "<li>Loans, guarantees, quasi-equity and patient capital, with examples from Québec, "
        "Italy, the Basque Country and West Africa.</li>"
        "<li>The tools a city controls, and the risks to manage.</li>"
        "</ul>"
        "<h2>A cohort course</h2>"
        "<p>This edition is reserved for a cohort of officials from Bamako, Dakar, Mexico "
        "City, Montevideo and Quezon City, who will share their cases in the discussion "
        "sessions.</p>"
    ),
    "level": "intermediate",
    "format": "self_paced",
    "effort_hours": "6",
    "topics": ["financing", "cooperatives"],
    "hosts": ["Bilbao", "Chantier"],
    "trainers": ["trainer.claire", "trainer.lucia"],
    "audience": "named",
    "audience_organisations": ["Bamako", "Dakar", "Mexico City", "Montevideo", "Quezon City"],
    "enrolment": "upcoming",
    "deadline": {"policy": "relative", "days": 60},
    "completion": {"all_modules": True, "min_quiz_score": None},
    "certificate": True,
    "signatories": [("GSEF Secretariat", "Secretary General, Global Social Economy Forum")],
    "modules": [
        {
            "slug": "how-cooperatives-are-financed",
            "title": "How cooperatives are financed",
            "summary": (
                "Member shares, reserves and surpluses, and why conventional investors find "
                "cooperatives hard to fund."
            ),
            "minutes": 30,
            "body": [
                heading("Capital in the service of members"),
                text(
                    "<p>The third cooperative principle of the International Cooperative "
                    "Alliance, <i>member economic participation</i>, says that members "
                    "contribute equitably to the capital of their cooperative and control "
                    "it democratically, that they usually receive limited compensation, if "
                    "any, on the capital they subscribe, and that surpluses go to developing "
                    "the cooperative, to members in proportion to their transactions with "
                    "it, and to other activities they approve.</p>"
                ),
                heading("The three sources of a cooperative's own funds"),
                text(
                    "<ul>"
                    "<li><b>Member shares</b>: usually not traded, repaid at their nominal "
                    "value when a member leaves, and carrying one vote per member whatever "
                    "the amount.</li>"
                    "<li><b>Reserves</b>: surpluses kept in the cooperative. In many "
                    "countries part of them is <i>indivisible</i>: it can never be "
                    "distributed to members, even if the cooperative is wound up.</li>"
                    "<li><b>Retained surpluses and patronage refunds</b> reinvested by "
                    "members.</li>"
                    "</ul>"
                ),
                important(
                    "Why investors hesitate",
                    "<p>A conventional investor expects control and a share of growth. A "
                    "cooperative offers neither: votes follow members, not capital, and the "
                    "return is capped. Member shares that can be withdrawn also make banks "
                    "wonder how stable the capital is. This is why cooperatives have built "
                    "their own financial institutions.</p>",
                ),
                tip(
                    "Talk about patient capital",
                    "<p>When you present cooperatives to a finance department or a bank, "
                    "explain that they need <b>patient capital</b>: long-term, low-return "
                    "money that does not ask for control, in exchange for resilience and "
                    "jobs that stay in the territory.</p>",
                ),
                quiz(
                    "Check your understanding",
                    "Three questions on cooperative capital.",
                    single(
                        "In a cooperative, how are votes allocated?",
                        right(
                            "One member, one vote, whatever the capital held",
                            "Correct: in primary cooperatives, control follows membership.",
                        ),
                        wrong(
                            "In proportion to capital",
                            "That is the rule in a conventional company.",
                        ),
                        wrong(
                            "By the manager",
                            "Members control the cooperative democratically.",
                        ),
                    ),
                    single(
                        "What is an indivisible reserve?",
                        right(
                            "Surpluses kept in the cooperative that can never be distributed "
                            "to members",
                            "Correct: it builds a common asset across generations.",
                        ),
                        wrong(
                            "A loan from the State",
                            "Reserves are the cooperative's own funds.",
                        ),
                        wrong(
                            "Members' shares",
                            "Shares belong to members and are usually repaid when they leave.",
                        ),
                    ),
                    multiple(
                        "Why do conventional investors hesitate to fund cooperatives? Tick all "
                        "that apply.",
                        right("Control follows members, not capital", "Yes."),
                        right("The return on capital is limited", "Yes."),
                        wrong(
                            "Cooperatives are not allowed to borrow",
                            "They can and do borrow.",
                        ),
                    ),
                ),
            ],
        },
        {
            "slug": "instruments-that-work",
            "title": "Instruments that work: loans, guarantees, quasi-equity and patient capital",
            "summary": (
                "The main financial instruments for cooperatives and the institutions that "
                "cooperative movements have built around the world."
            ),
            "minutes": 40,
            "body": [
                heading("A toolbox for cooperative finance"),
                text(
                    "<ul>"
                    "<li><b>Loans</b> from cooperative banks and credit unions, which know "
                    "the model.</li>"
                    "<li><b>Guarantees</b> that share the lender's risk, so that banks lend to "
                    "enterprises without large personal assets.</li>"
                    "<li><b>Quasi-equity</b>: subordinated or participating loans and "
                    "non-voting investment shares that strengthen own funds without taking "
                    "control.</li>"
                    "<li><b>Patient capital</b>: long-term finance with deferred repayment, "
                    "for enterprises whose returns are social as well as financial.</li>"
                    "<li><b>Member and community finance</b>: member loans, community share "
                    "offers and crowdfunding.</li>"
                    "</ul>"
                ),
                case_study(
                    "Finance built by the sector",
                    "Québec",
                    "<p>Québec's social economy created the Réseau d'investissement social du "
                    "Québec (RISQ) in 1997 and the Fiducie du Chantier de l'économie sociale "
                    "in 2007, which provides patient capital to collective enterprises. "
                    "Labour-sponsored funds and the Caisse d'économie solidaire Desjardins "
                    "complete the picture. Governments contributed capital; the sector runs "
                    "the tools.</p>",
                ),
                case_study(
                    "Cooperatives financing cooperatives",
                    "Italy",
                    "<p>Under Italian law, cooperatives pay a small share of their annual "
                    "profits into mutual funds for the promotion of cooperation, managed by "
                    "the cooperative associations. The Marcora Law of 1985 supports "
                    "<i>worker buyouts</i>: workers of a company in crisis can use their "
                    "unemployment benefits to capitalise a new cooperative, with an "
                    "investment from Cooperazione Finanza Impresa (CFI).</p>",
                ),
                case_study(
                    "A cooperative bank at the heart of a group",
                    "Basque Country",
                    "<p>The Mondragon cooperatives created their own credit cooperative, Caja "
                    "Laboral (today Laboral Kutxa), in 1959. It channelled local savings to "
                    "new cooperatives and, for many years, advised them through a dedicated "
                    "business division.</p>",
                ),
                case_study(
                    "Savings and credit close to members",
                    "West Africa",
                    "<p>In Bamako, Dakar and across the West African Economic and Monetary "
                    "Union (WAEMU), savings and credit cooperatives and mutuals are regulated "
                    "as decentralised financial systems. They are often the only financial "
                    "service available to small producers' cooperatives and women's "
                    "groups.</p>",
                ),
                resources(
                    "Further reading",
                    link(
                        "Chantier de l'économie sociale",
                        "https://chantier.qc.ca",
                        "Québec's social economy network and its finance tools (in French).",
                    ),
                    link(
                        "International Cooperative Alliance",
                        "https://ica.coop",
                        "The global cooperative movement, including its work on finance.",
                    ),
                    link(
                        "UNTFSSE Knowledge Hub",
                        "https://knowledgehub.unsse.org",
                        "Research on SSE finance and the SDGs.",
                    ),
                ),
                quiz(
                    "Check your understanding",
                    "Four questions on financial instruments.",
                    single(
                        "What does a guarantee do?",
                        right(
                            "It shares the lender's risk, making a loan possible",
                            "Correct.",
                        ),
                        wrong("It replaces the loan", "The loan still comes from the lender."),
                        wrong("It gives the guarantor votes", "A guarantee carries no vote."),
                    ),
                    single(
                        "What is quasi-equity?",
                        right(
                            "Finance that strengthens own funds without giving control, such as "
                            "subordinated loans or non-voting investment shares",
                            "Correct.",
                        ),
                        wrong("A grant", "Quasi-equity is repaid or remunerated."),
                        wrong("Ordinary shares with votes", "Those would give control."),
                    ),
                    single(
                        "What does Italy's Marcora Law support?",
                        right(
                            "Worker buyouts: workers using unemployment benefits to capitalise "
                            "a cooperative",
                            "Correct.",
                        ),
                        wrong("Tax exemptions for banks", "No."),
                        wrong("Public ownership of firms in crisis", "No."),
                    ),
                    multiple(
                        "Which of these were built by cooperative or social economy "
                        "movements? Tick all that apply.",
                        right("The Fiducie du Chantier de l'économie sociale", "Yes."),
                        right("Caja Laboral (Laboral Kutxa)", "Yes."),
                        wrong(
                            "The World Bank",
                            "The World Bank is an intergovernmental institution.",
                        ),
                    ),
                ),
            ],
        },
        {
            "slug": "what-a-city-can-do",
            "title": "What a city can do",
            "summary": (
                "Guarantee funds, co-investment, premises, procurement and support for "
                "business transfers to employees, and the risks to manage."
            ),
            "minutes": 35,
            "body": [
                heading("Tools a local government controls"),
                text(
                    "<ul>"
                    "<li><b>Contribute to a guarantee fund</b> run by an SSE or cooperative "
                    "finance institution, rather than lending directly.</li>"
                    "<li><b>Co-invest</b> in patient capital funds managed by the sector, "
                    "alongside other public and private investors.</li>"
                    "<li><b>Make premises available</b> at affordable rents: this reduces "
                    "the capital a cooperative needs.</li>"
                    "<li><b>Buy from cooperatives</b>: a contract is also a source of cash "
                    "flow; paying promptly matters.</li>"
                    "<li><b>Support transfers to employees</b> when owners of small firms "
                    "retire without a successor: information, advice and bridging "
                    "finance.</li>"
                    "<li><b>Fund technical assistance</b>: business plans, governance "
                    "training and financial education.</li>"
                    "</ul>"
                ),
                important(
                    "Risks to manage",
                    "<ul>"
                    "<li><b>Dependence</b>: enterprises that live on city money alone are "
                    "fragile.</li>"
                    "<li><b>Political capture</b>: funding decisions should be taken by "
                    "competent, independent committees.</li>"
                    "<li><b>State aid and public finance rules</b>: check what your city is "
                    "allowed to lend or guarantee.</li>"
                    "</ul>",
                ),
                tip(
                    "Work through intermediaries",
                    "<p>Cities rarely have the skills to assess loans. Channelling money "
                    "through cooperative banks, credit unions or SSE funds uses their "
                    "expertise and keeps decisions at arm's length.</p>",
                ),
                quiz(
                    "Check your understanding",
                    "Three questions on the city's role.",
                    single(
                        "Why work through SSE finance intermediaries?",
                        right(
                            "They have the expertise to assess loans and keep decisions at "
                            "arm's length",
                            "Correct.",
                        ),
                        wrong("They are always cheaper", "Not necessarily."),
                        wrong("Cities may never lend", "Some may; the point is expertise."),
                    ),
                    multiple(
                        "Which are tools a city controls? Tick all that apply.",
                        right("Affordable premises", "Yes."),
                        right("Prompt payment of its suppliers", "Yes."),
                        right("Contributions to a guarantee fund", "Yes, where the law allows."),
                        wrong(
                            "The interest rates of the central bank",
                            "Monetary policy is not a local competence.",
                        ),
                    ),
                    single(
                        "What is a main risk of city finance for cooperatives?",
                        right(
                            "Dependence on city money alone",
                            "Correct: diversified income makes enterprises resilient.",
                        ),
                        wrong("Too much autonomy", "Autonomy is an SSE principle."),
                        wrong("Too many members", "Membership is not a risk in itself."),
                    ),
                ),
            ],
        },
        {
            "slug": "designing-a-municipal-financing-programme",
            "title": "Designing a municipal financing programme",
            "summary": (
                "From diagnosis to evaluation: a step-by-step outline to draft a financing "
                "programme with your cooperative sector."
            ),
            "minutes": 30,
            "body": [
                heading("Step by step"),
                text(
                    "<ol>"
                    "<li><b>Diagnose the gap</b> with cooperatives and lenders: which "
                    "enterprises, which amounts, which stage (start-up, growth, "
                    "transfer).</li>"
                    "<li><b>Choose the instrument</b> that fits the gap: guarantee, "
                    "quasi-equity, patient capital or technical assistance.</li>"
                    "<li><b>Choose the operator</b>: an existing SSE finance institution "
                    "wherever possible.</li>"
                    "<li><b>Write clear rules</b>: eligibility based on SSE principles, "
                    "independent decisions, transparency.</li>"
                    "<li><b>Plan the exit</b>: how capital returns and is re-lent.</li>"
                    "<li><b>Evaluate</b>: jobs kept and created, survival rates, leverage "
                    "of other finance.</li>"
                    "</ol>"
                ),
                note(
                    "Revolving funds",
                    "<p>Money that is repaid can be lent again. A fund designed to revolve "
                    "keeps supporting new cooperatives long after the first budget "
                    "decision.</p>",
                ),
                resources(
                    "Further reading",
                    link(
                        "OECD Recommendation on the SSE and Social Innovation",
                        "https://legalinstruments.oecd.org/en/instruments/OECD-LEGAL-0472",
                        "Access to finance as a pillar of SSE policy.",
                    ),
                    link(
                        "Global Social Economy Forum",
                        "https://gsef-net.org",
                        "Peer learning between GSEF members on SSE finance.",
                    ),
                ),
                quiz(
                    "Check your understanding",
                    "Three questions to end the course.",
                    single(
                        "What should come first when designing a programme?",
                        right("A diagnosis of the financing gap", "Correct."),
                        wrong("Choosing a logo", "No."),
                        wrong("Announcing the budget", "Not before knowing the gap."),
                    ),
                    single(
                        "What is a revolving fund?",
                        right(
                            "A fund whose repaid loans are lent again",
                            "Correct.",
                        ),
                        wrong("A grant programme", "Grants are not repaid."),
                        wrong("A fund that changes manager every year", "No."),
                    ),
                    multiple(
                        "What can you use to evaluate the programme? Tick all that apply.",
                        right("Jobs kept and created", "Yes."),
                        right("Survival rates of supported cooperatives", "Yes."),
                        wrong(
                            "The number of press articles",
                            "Visibility is not impact.",
                        ),
                    ),
                ),
            ],
        },
    ],
}
