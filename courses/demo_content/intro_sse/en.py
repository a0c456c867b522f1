"""Introduction to the social and solidarity economy for local governments (English original)."""

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

UN_RESOLUTION = "https://undocs.org/A/RES/77/281"
OECD_RECOMMENDATION = "https://legalinstruments.oecd.org/en/instruments/OECD-LEGAL-0472"

COURSE = {
    "slug": "introduction-to-the-social-and-solidarity-economy",
    "title": "Introduction to the social and solidarity economy for local governments",
    "summary": (
        "What the social and solidarity economy is, why the United Nations, the ILO and the "
        "OECD now ask governments to support it, and what a city can do in its first year."
    ),
    "description": (
        "<p>Cooperatives, mutual societies, associations, foundations and social enterprises "
        "provide jobs, care, housing, food and finance in every region of the world. Together "
        "they form the <b>social and solidarity economy (SSE)</b>: enterprises and organisations "
        "that put people and the planet before the return on capital and that are governed "
        "democratically or with the participation of those they serve.</p>"
        "<p>Since 2022 three international texts have asked governments, including local "
        "governments, to recognise and support the SSE: the International Labour Conference's "
        "resolution concerning decent work and the SSE, the OECD Recommendation on the Social "
        "and Solidarity Economy and Social Innovation, and UN General Assembly resolution "
        "A/RES/77/281.</p>"
        "<h2>What you will learn</h2>"
        "<ul>"
        "<li>To explain what the SSE is, and what it is not, to colleagues and elected "
        "officials.</li>"
        "<li>What the UN, ILO and OECD texts say and how they support local action.</li>"
        "<li>The roles a local government can play: convener, buyer, funder, regulator, "
        "owner of land and buildings, and promoter.</li>"
        "<li>How laws on the SSE differ from country to country.</li>"
        "<li>Five first steps that fit any city's budget.</li>"
        "</ul>"
        "<h2>Who it is for</h2>"
        "<p>Officials and elected representatives of local and regional governments who are "
        "new to the SSE, and staff of SSE networks who work with them. No prior knowledge is "
        "needed.</p>"
    ),
    "level": "introductory",
    "format": "self_paced",
    "effort_hours": "5",
    "topics": ["social-enterprises", "cooperatives", "legal-frameworks"],
    "hosts": ["Seoul", "Montréal", "Mexico City"],
    "trainers": ["trainer.minji", "trainer.claire", "trainer.lucia"],
    "audience": "everyone",
    "enrolment": "open",
    "deadline": {"policy": "none"},
    "completion": {"all_modules": True, "min_quiz_score": None},
    "certificate": True,
    "signatories": [("GSEF Secretariat", "Secretary General, Global Social Economy Forum")],
    "modules": [
        {
            "slug": "what-is-the-sse",
            "title": "What is the social and solidarity economy?",
            "summary": (
                "The organisations that make up the SSE, the principles they share, and the "
                "definition governments agreed at the International Labour Conference in 2022."
            ),
            "minutes": 30,
            "body": [
                heading("An economy with a purpose"),
                text(
                    "<p>A housing cooperative in Montréal, a women's shea butter cooperative "
                    "in Mali, a mutual health insurer in Belgium, a work-integration social "
                    "enterprise in Seoul and a community kitchen in Mexico City do very "
                    "different things. What they share is a way of doing business: they exist "
                    "to meet a need of their members or of the community, not to maximise the "
                    "return to investors, and the people involved have a real say in how they "
                    "are run.</p>"
                    "<p>This family of organisations is called the <b>social and solidarity "
                    "economy</b>. The words vary from country to country ("
                    "<i>social economy</i> in Québec, Spain and much of Europe, <i>solidarity "
                    "economy</i> in Latin America, <i>social economy</i> (사회적경제) in "
                    "Korea), but international texts now use “social and solidarity "
                    "economy”, or SSE, to cover them all.</p>"
                ),
                heading("The internationally agreed definition"),
                text(
                    "<p>In June 2022 the International Labour Conference, where governments, "
                    "employers and workers of the ILO's member States meet, adopted the first "
                    "tripartite definition of the SSE. The UN General Assembly took it up in "
                    "resolution A/RES/77/281 in April 2023. In substance, the SSE:</p>"
                    "<ul>"
                    "<li>encompasses enterprises, organisations and other entities engaged in "
                    "economic, social and environmental activities that serve the collective "
                    "and/or general interest;</li>"
                    "<li>is based on the principles of voluntary cooperation and mutual aid, "
                    "democratic and/or participatory governance, autonomy and independence, "
                    "and the primacy of people and social purpose over capital in the "
                    "distribution and use of surpluses, profits and assets;</li>"
                    "<li>according to national circumstances, includes cooperatives, "
                    "associations, mutual societies, foundations, social enterprises, "
                    "self-help groups and other entities operating by these values and "
                    "principles.</li>"
                    "</ul>"
                ),
                note(
                    "Principles, not legal forms",
                    "<p>The definition starts from <b>how</b> an organisation works, not from "
                    "its legal form. A cooperative that is run like a conventional company is "
                    "not much of an SSE actor; a small company whose articles lock its assets "
                    "and give workers a vote may well be one. Most countries combine the two "
                    "approaches: some legal forms are SSE by definition, and others qualify "
                    "when they meet stated criteria.</p>",
                ),
                heading("The main families"),
                text(
                    "<ul>"
                    "<li><b>Cooperatives</b>: enterprises owned and democratically controlled "
                    "by their members (workers, producers, consumers, users or several of "
                    "these), following the seven principles of the International Cooperative "
                    "Alliance.</li>"
                    "<li><b>Mutual societies</b>: insurance, health and savings schemes owned "
                    "by their members, who share risks rather than pay profits to "
                    "shareholders.</li>"
                    "<li><b>Associations and foundations</b>: non-profit organisations that "
                    "run services, trade or advocacy for a social purpose.</li>"
                    "<li><b>Social enterprises</b>: businesses with a primarily social aim "
                    "whose profits are mainly reinvested in that aim. Many countries, "
                    "including Korea, Italy and Mexico, recognise them in law.</li>"
                    "<li><b>Community and self-help groups</b>: savings groups, tontines, "
                    "village and neighbourhood enterprises, often informal, which are the "
                    "largest part of the SSE in many African and Asian cities.</li>"
                    "</ul>"
                ),
                heading("What the SSE is not"),
                text(
                    "<p>The SSE is not charity and not corporate social responsibility. It is "
                    "not a sector for the poor only, and not a substitute for public "
                    "services. It trades, employs people and competes in markets; what "
                    "differs is who controls the enterprise and where the surplus goes.</p>"
                ),
                tip(
                    "Explaining it in one sentence",
                    "<p>When a colleague asks, try: “The SSE is the part of the economy owned "
                    "and run by the people it serves, which reinvests its surplus in its "
                    "members and its community.”</p>",
                ),
                resources(
                    "Further reading",
                    link(
                        "The cooperative identity, values and principles",
                        "https://ica.coop/en/cooperatives/cooperative-identity",
                        "The International Cooperative Alliance's statement of the seven "
                        "cooperative principles.",
                    ),
                    link(
                        "UN Inter-Agency Task Force on Social and Solidarity Economy",
                        "https://unsse.org",
                        "The UN agencies' joint work on the SSE, with publications and a "
                        "knowledge hub.",
                    ),
                    link(
                        "International Labour Organization",
                        "https://www.ilo.org",
                        "Search for “resolution concerning decent work and the social and "
                        "solidarity economy” (International Labour Conference, 2022).",
                    ),
                ),
                quiz(
                    "Check your understanding",
                    "Four questions on what makes an organisation part of the SSE.",
                    single(
                        "Which body adopted the first tripartite international definition of "
                        "the SSE, in 2022?",
                        right(
                            "The International Labour Conference of the ILO",
                            "Correct. Governments, employers and workers adopted it in June "
                            "2022; the UN General Assembly took it up in 2023.",
                        ),
                        wrong(
                            "The UN Security Council",
                            "The Security Council deals with peace and security, not with the "
                            "economy's forms of enterprise.",
                        ),
                        wrong(
                            "The World Bank",
                            "The World Bank has no mandate to adopt definitions of this kind.",
                        ),
                    ),
                    multiple(
                        "Which of these principles are part of the 2022 definition? Tick all "
                        "that apply.",
                        right(
                            "Democratic and/or participatory governance",
                            "Yes: members, workers or users have a real say.",
                        ),
                        right(
                            "Primacy of people and social purpose over capital",
                            "Yes: this governs how surpluses, profits and assets are used.",
                        ),
                        right(
                            "Autonomy and independence",
                            "Yes: SSE organisations are not controlled by the State or by "
                            "private investors.",
                        ),
                        wrong(
                            "Maximising the return to shareholders",
                            "No: this is the logic of a conventional company, which the SSE "
                            "explicitly puts second.",
                        ),
                    ),
                    single(
                        "A company is registered as a cooperative, but a single investor "
                        "controls the votes and takes the profits. Is it part of the SSE?",
                        right(
                            "Not really: it does not work by SSE principles, whatever its form",
                            "Right. The definition looks at how an organisation is governed "
                            "and where its surplus goes, not only at its legal form.",
                        ),
                        wrong(
                            "Yes: every cooperative is part of the SSE",
                            "The legal form is a strong sign, but the principles are what count.",
                        ),
                    ),
                    single(
                        "Which statement about the SSE is accurate?",
                        right(
                            "It trades and employs people like other enterprises, but is "
                            "controlled by its members and reinvests its surplus in its purpose",
                            "Correct: the difference lies in ownership, governance and the use "
                            "of surplus.",
                        ),
                        wrong(
                            "It is another name for charity",
                            "Charities may belong to the SSE, but most SSE organisations sell "
                            "goods and services.",
                        ),
                        wrong(
                            "It replaces public services",
                            "The SSE often delivers services in partnership with public "
                            "authorities; it does not remove their responsibility.",
                        ),
                    ),
                ),
            ],
        },
        {
            "slug": "a-global-agenda",
            "title": "A global agenda: the UN, the ILO and the OECD",
            "summary": (
                "The three international texts adopted in 2022 and 2023, what they ask of "
                "governments, and how a city can use them to support its own policy."
            ),
            "minutes": 35,
            "body": [
                heading("From the margins to the General Assembly"),
                text(
                    "<p>For a long time the SSE was promoted mainly by its own networks, by "
                    "some national governments and by a handful of pioneering cities. Between "
                    "2022 and 2023 it gained three international reference texts. For a local "
                    "government this matters: a policy that supports cooperatives or social "
                    "enterprises can now point to commitments its national government has "
                    "made.</p>"
                ),
                subheading("The ILO resolution concerning decent work and the SSE (2022)"),
                text(
                    "<p>Adopted by the International Labour Conference at its 110th session "
                    "in June 2022, the resolution gives the SSE its tripartite definition and "
                    "links it to decent work: formalisation of informal work, social "
                    "protection, rights at work and social dialogue. It calls on the ILO to "
                    "support governments with policy advice, statistics and capacity "
                    "building, and is followed by an ILO strategy and action plan.</p>"
                ),
                subheading(
                    "The OECD Recommendation on the Social and Solidarity Economy and Social "
                    "Innovation (2022)"
                ),
                text(
                    "<p>Adopted by the OECD Council in June 2022, the Recommendation is the "
                    "first international standard on the subject. It asks governments to "
                    "build an enabling ecosystem, in areas such as an SSE culture and "
                    "awareness, institutional and legal frameworks, access to finance, access "
                    "to public and private markets, skills and business support, impact "
                    "measurement and better data, and support for social innovation. It "
                    "expressly recognises that much of this work is done by regional and "
                    "local governments.</p>"
                ),
                subheading("UN General Assembly resolution A/RES/77/281 (2023)"),
                text(
                    "<p>Adopted on 18 April 2023 under the title “Promoting the social and "
                    "solidarity economy for sustainable development”, the resolution "
                    "recognises the SSE's contribution to the 2030 Agenda and the Sustainable "
                    "Development Goals. "
                    "It encourages Member States to promote and implement national, local "
                    "and regional strategies, policies and programmes for the SSE, to take it "
                    "into account in areas such as finance, public procurement and "
                    "statistics, and asks UN bodies to support them, notably through the "
                    "UN Inter-Agency Task Force on the SSE (UNTFSSE).</p>"
                ),
                important(
                    "Cities were there first",
                    "<p>These texts build on decades of local practice. GSEF itself grew out "
                    "of the first Global Social Economy Forum, held in Seoul in 2013, and it "
                    "took part, with other SSE networks, in the advocacy that led to the UN "
                    "resolution. When you cite it, you cite work that local governments "
                    "helped to shape.</p>",
                ),
                heading("Using the texts in your own administration"),
                text(
                    "<ul>"
                    "<li><b>In a council report or a strategy</b>: cite A/RES/77/281 and "
                    "the OECD Recommendation to show that the policy follows international "
                    "guidance your country has endorsed.</li>"
                    "<li><b>In talks with national ministries</b>: the resolution asks for "
                    "local strategies; ask how the national government plans to support "
                    "them.</li>"
                    "<li><b>In an SDG report</b>: many cities publish Voluntary Local Reviews "
                    "of the SDGs; the SSE's contribution to decent work (SDG 8), reduced "
                    "inequalities (SDG 10) and sustainable cities (SDG 11) belongs there.</li>"
                    "</ul>"
                ),
                tip(
                    "Political commitments, not treaties",
                    "<p>Neither text is a treaty. A General Assembly resolution and an OECD "
                    "Recommendation are political commitments: they create no legal "
                    "obligation and no fund, but they carry weight because governments "
                    "agreed to them. Countries that are not OECD members may also adhere to "
                    "the Recommendation.</p>",
                ),
                resources(
                    "The texts themselves",
                    link(
                        "UN General Assembly resolution A/RES/77/281",
                        UN_RESOLUTION,
                        "Promoting the social and solidarity economy for sustainable "
                        "development, 18 April 2023.",
                    ),
                    link(
                        "OECD Recommendation on the Social and Solidarity Economy and Social "
                        "Innovation",
                        OECD_RECOMMENDATION,
                        "The text, its background and the list of adhering countries.",
                    ),
                    link(
                        "UNTFSSE",
                        "https://unsse.org",
                        "The UN Inter-Agency Task Force on the SSE, which follows up the "
                        "resolution.",
                    ),
                    link(
                        "Global Social Economy Forum",
                        "https://gsef-net.org",
                        "GSEF's members, forums and advocacy.",
                    ),
                ),
                quiz(
                    "Check your understanding",
                    "Four questions on the international texts.",
                    single(
                        "What is the title of UN General Assembly resolution A/RES/77/281?",
                        right(
                            "Promoting the social and solidarity economy for sustainable "
                            "development",
                            "Correct. It was adopted on 18 April 2023.",
                        ),
                        wrong(
                            "Decent work and the social and solidarity economy",
                            "That is the ILO resolution of 2022.",
                        ),
                        wrong(
                            "The New Urban Agenda",
                            "The New Urban Agenda was adopted at Habitat III in 2016 and is "
                            "a different text.",
                        ),
                    ),
                    multiple(
                        "Which areas does the OECD Recommendation ask governments to work on? "
                        "Tick all that apply.",
                        right("Access to finance", "Yes, it is one of the main pillars."),
                        right(
                            "Access to public and private markets",
                            "Yes, including public procurement.",
                        ),
                        right(
                            "Impact measurement and data",
                            "Yes: better data and measurement are among its recommendations.",
                        ),
                        wrong(
                            "Tax exemptions for every SSE organisation",
                            "The Recommendation does not prescribe blanket tax exemptions; "
                            "tax treatment is left to each country.",
                        ),
                    ),
                    single(
                        "Which UN body follows up the resolution and coordinates the UN "
                        "system's work on the SSE?",
                        right(
                            "The UN Inter-Agency Task Force on the SSE (UNTFSSE)",
                            "Correct: it brings together UN agencies and SSE networks as "
                            "observers.",
                        ),
                        wrong(
                            "The UN Human Rights Council",
                            "The Human Rights Council has no such role.",
                        ),
                        wrong(
                            "UN-Habitat alone",
                            "UN-Habitat is one of several agencies involved, not the coordinator.",
                        ),
                    ),
                    single(
                        "How can a city use these texts?",
                        right(
                            "To ground its own SSE policy in commitments its country has made, "
                            "and to ask national government for support",
                            "Correct: they are political references, not a source of funding "
                            "in themselves.",
                        ),
                        wrong(
                            "To claim funding the UN owes to every city",
                            "The resolution creates no fund for cities.",
                        ),
                        wrong(
                            "They cannot be used by local governments",
                            "Both the OECD Recommendation and the UN resolution mention local "
                            "and regional strategies explicitly.",
                        ),
                    ),
                ),
            ],
        },
        {
            "slug": "why-cities",
            "title": "Why cities? The roles of local government",
            "summary": (
                "The six roles a local government can play in the SSE, with examples from "
                "Seoul, Montréal, Barcelona and Mexico City."
            ),
            "minutes": 40,
            "body": [
                heading("Close to needs, close to the enterprises"),
                text(
                    "<p>Most SSE organisations are local: they are rooted in a neighbourhood, "
                    "serve its people and keep their surpluses there. Local governments know "
                    "the needs (care, housing, jobs for young people, food, waste, energy) "
                    "and hold many of the tools that help or hinder the SSE. That is why the "
                    "most advanced SSE policies have often been local, not national.</p>"
                ),
                heading("Six roles"),
                text(
                    "<ol>"
                    "<li><b>Convener</b>: bringing SSE networks, businesses, universities and "
                    "departments around one table, and designing policy with them.</li>"
                    "<li><b>Buyer</b>: opening public contracts to SSE enterprises and using "
                    "social clauses.</li>"
                    "<li><b>Funder and investor</b>: grants for start-up, but also loans, "
                    "guarantees and co-investment with SSE finance bodies.</li>"
                    "<li><b>Owner of assets</b>: making available premises, land and "
                    "buildings, sometimes through long leases or community ownership.</li>"
                    "<li><b>Regulator and enabler</b>: zoning, licences, by-laws and "
                    "simplified procedures that do not penalise collective enterprises.</li>"
                    "<li><b>Promoter and educator</b>: information, training, support centres, "
                    "and teaching the SSE in schools and vocational training.</li>"
                    "</ol>"
                ),
                case_study(
                    "A support centre at the heart of the ecosystem",
                    "Seoul",
                    "<p>From 2012 the Seoul Metropolitan Government made the social economy a "
                    "pillar of its economic policy. In 2013 it opened the <b>Seoul Social "
                    "Economy Support Center</b>, run with civil society, which offered advice, "
                    "training, shared space and networking to social enterprises, "
                    "cooperatives, village enterprises and self-sufficiency enterprises. "
                    "District-level centres followed. The city also set targets for buying "
                    "from social economy enterprises and created a social investment fund.</p>"
                    "<p>Seoul's approach later changed with new city leadership, which is "
                    "itself a lesson: policies last longer when the SSE's own networks and "
                    "laws, and not only one administration, carry them.</p>",
                ),
                case_study(
                    "Designing policy together",
                    "Montréal",
                    "<p>Montréal's SSE policy rests on a long partnership between the City "
                    "and the <b>Chantier de l'économie sociale</b>, the Québec-wide network "
                    "born after the 1996 Summit on the Economy and Employment. In 2009 the "
                    "City and its partners signed a partnership for a solidarity-based and "
                    "sustainable development, and the City has since adopted social economy "
                    "action plans prepared with the sector. Québec's Social Economy Act of "
                    "2013 names the Chantier and the Conseil québécois de la coopération et "
                    "de la mutualité as the government's privileged partners.</p>",
                ),
                case_study(
                    "Buying with social clauses",
                    "Barcelona",
                    "<p>Barcelona City Council adopted rules and a practical guide on "
                    "socially responsible public procurement in 2016 and 2017, so that social "
                    "and environmental clauses became a normal part of municipal contracts "
                    "and some contracts are reserved for social integration enterprises and "
                    "special employment centres. The course “Public procurement for social "
                    "economy enterprises” looks at this in detail.</p>",
                ),
                case_study(
                    "A law that names the sector",
                    "Mexico City",
                    "<p>Mexico's federal <b>Ley de la Economía Social y Solidaria</b> (2012) "
                    "recognises ejidos, communities, cooperatives, workers' enterprises and "
                    "other forms as the social sector of the economy and created the National "
                    "Institute of the Social Economy (INAES). Mexico City has its own law to "
                    "promote cooperatives and supports cooperative creation through its "
                    "economic development programmes.</p>",
                ),
                tip(
                    "Start from what you already control",
                    "<p>Before creating new programmes, list the tools your city already "
                    "uses: its purchasing, its buildings, its business support, its "
                    "employment services. Opening them to the SSE often costs little.</p>",
                ),
                quiz(
                    "Check your understanding",
                    "Four questions on the roles of local government.",
                    multiple(
                        "Which of these are roles a local government can play for the SSE? "
                        "Tick all that apply.",
                        right("Buyer of goods and services", "Yes, through public procurement."),
                        right(
                            "Owner of premises and land",
                            "Yes: access to affordable space is often decisive.",
                        ),
                        right(
                            "Convener of networks and partners",
                            "Yes: co-constructing policy is a role in itself.",
                        ),
                        wrong(
                            "Owner and manager of every SSE enterprise",
                            "No: autonomy and independence are SSE principles; a city supports "
                            "but does not control.",
                        ),
                    ),
                    single(
                        "Which organisation has been Montréal's main partner in designing its "
                        "social economy policy?",
                        right(
                            "The Chantier de l'économie sociale",
                            "Correct: the Québec-wide network founded after the 1996 Summit.",
                        ),
                        wrong(
                            "The Seoul Social Economy Support Center",
                            "That centre was created by the Seoul Metropolitan Government.",
                        ),
                        wrong(
                            "INAES",
                            "INAES is Mexico's National Institute of the Social Economy.",
                        ),
                    ),
                    single(
                        "What does Seoul's experience suggest about making an SSE policy last?",
                        right(
                            "It lasts longer when laws and the SSE's own networks carry it, not "
                            "only one administration",
                            "Correct: anchoring a policy beyond an electoral cycle is part of "
                            "its design.",
                        ),
                        wrong(
                            "Support centres are never useful",
                            "Seoul's centre played a major role in building the ecosystem.",
                        ),
                        wrong(
                            "Cities should not have SSE policies",
                            "The lesson is about how to anchor a policy, not whether to have one.",
                        ),
                    ),
                    single(
                        "Which law created Mexico's National Institute of the Social Economy "
                        "(INAES)?",
                        right(
                            "The Ley de la Economía Social y Solidaria (2012)",
                            "Correct: it recognises the social sector of the economy and "
                            "created INAES.",
                        ),
                        wrong(
                            "The Social Economy Act of Québec",
                            "That law (2013) applies in Québec, Canada.",
                        ),
                        wrong(
                            "Spain's Ley 5/2011 de Economía Social",
                            "That is Spain's social economy law.",
                        ),
                    ),
                ),
            ],
        },
        {
            "slug": "laws-and-contexts",
            "title": "The SSE in different legal and national contexts",
            "summary": (
                "How countries recognise the SSE in law, from framework laws to laws on "
                "cooperatives and social enterprises, and what this means where much of the "
                "economy is informal."
            ),
            "minutes": 35,
            "body": [
                heading("Framework laws"),
                text(
                    "<p>Several countries have a <b>framework law</b> that defines the SSE, "
                    "lists the organisations that belong to it and gives the government "
                    "duties towards it. Examples include Spain's <i>Ley 5/2011 de Economía "
                    "Social</i>, Mexico's <i>Ley de la Economía Social y Solidaria</i> "
                    "(2012), Portugal's framework law on the social economy (2013), Québec's "
                    "<i>Social Economy Act</i> (2013) and France's law on the social and "
                    "solidarity economy of 31 July 2014. Ecuador, Colombia, Uruguay and "
                    "several African countries have also adopted SSE laws or national "
                    "policies.</p>"
                ),
                heading("Laws on particular forms"),
                text(
                    "<p>Other countries recognise the SSE through laws on each form of "
                    "organisation. The Republic of Korea, for example, has a <i>Social "
                    "Enterprise Promotion Act</i> (2007) and a <i>Framework Act on "
                    "Cooperatives</i> (2012), which made it much easier to found a "
                    "cooperative; together with village enterprises and self-sufficiency "
                    "enterprises these are often called the four types of social economy "
                    "enterprise. Italy's law on social cooperatives (1991) inspired similar "
                    "laws in many countries.</p>"
                ),
                note(
                    "What a framework law usually contains",
                    "<ul>"
                    "<li>a definition and principles of the SSE;</li>"
                    "<li>the list of organisations included, and sometimes a register;</li>"
                    "<li>a body responsible within government and a consultation body with "
                    "the sector;</li>"
                    "<li>duties to promote the SSE, sometimes including local "
                    "authorities.</li>"
                    "</ul>",
                ),
                heading("Where much of the economy is informal"),
                text(
                    "<p>In many cities of Africa, Asia and Latin America, most workers earn "
                    "their living in the informal economy. Savings groups and tontines, "
                    "producer groups, market traders' associations and waste pickers' "
                    "cooperatives are often the first step towards collective organisation. "
                    "The ILO's 2022 resolution recognises the SSE's role in the transition "
                    "from the informal to the formal economy, a transition that should bring "
                    "rights and social protection, not only registration and taxes.</p>"
                ),
                case_study(
                    "Working with savings groups and cooperatives",
                    "Bamako",
                    "<p>In Bamako, as in many West African cities, a large share of the SSE "
                    "is made up of women's groups, cooperatives, mutual health organisations "
                    "and savings and credit institutions rooted in neighbourhoods. A "
                    "municipal policy there starts from these organisations as they are: "
                    "recognising them, giving them access to markets and premises, and "
                    "helping them into the regional cooperative law framework (OHADA's "
                    "Uniform Act on cooperative societies) when they choose to.</p>",
                ),
                important(
                    "A local government works within national law",
                    "<p>Your city cannot create legal forms, but it can decide how it treats "
                    "the forms that exist: who may apply for its programmes, which "
                    "organisations count as SSE in its procurement rules, how it registers "
                    "and supports informal groups. Ask your legal department early.</p>",
                ),
                resources(
                    "Further reading",
                    link(
                        "Spain: Ley 5/2011, de 29 de marzo, de Economía Social",
                        "https://www.boe.es/eli/es/l/2011/03/29/5",
                        "The consolidated text in Spain's official gazette.",
                    ),
                    link(
                        "Instituto Nacional de la Economía Social (Mexico)",
                        "https://www.gob.mx/inaes",
                        "Mexico's national institute created by the 2012 law.",
                    ),
                    link(
                        "socioeco.org",
                        "https://www.socioeco.org",
                        "A multilingual library of SSE laws and public policies, maintained "
                        "by RIPESS and partners.",
                    ),
                ),
                quiz(
                    "Check your understanding",
                    "Three questions on SSE laws.",
                    multiple(
                        "Which of these countries have a framework law on the social or "
                        "social and solidarity economy? Tick all that apply.",
                        right("Spain", "Yes: Ley 5/2011 de Economía Social."),
                        right("Mexico", "Yes: Ley de la Economía Social y Solidaria, 2012."),
                        right("France", "Yes: the law of 31 July 2014."),
                        wrong(
                            "None: the SSE cannot be defined in law",
                            "Many countries have defined it in law, as the examples show.",
                        ),
                    ),
                    single(
                        "Which Korean law of 2012 made it much easier to found cooperatives?",
                        right(
                            "The Framework Act on Cooperatives",
                            "Correct. Korea's Social Enterprise Promotion Act dates from 2007.",
                        ),
                        wrong(
                            "The Social Economy Act",
                            "That is the name of Québec's law of 2013.",
                        ),
                        wrong(
                            "The Ley de Economía Social",
                            "That is Spain's law of 2011.",
                        ),
                    ),
                    single(
                        "Your country has no SSE law. What can your city still do?",
                        right(
                            "Decide how its own programmes, procurement and registers treat "
                            "the SSE organisations that exist",
                            "Correct: within national law, a city chooses how it uses its own "
                            "tools.",
                        ),
                        wrong(
                            "Nothing until a national law is passed",
                            "Many cities acted long before their countries passed laws.",
                        ),
                        wrong(
                            "Create a new legal form for cooperatives",
                            "Legal forms are created by national (or, in some federal "
                            "countries, regional) law, not by cities.",
                        ),
                    ),
                ),
            ],
        },
        {
            "slug": "first-steps-for-your-city",
            "title": "First steps for your city",
            "summary": (
                "Five steps any local government can take in its first year, and a checklist "
                "to take to your next team meeting."
            ),
            "minutes": 30,
            "body": [
                heading("You do not need a big budget to start"),
                text(
                    "<p>The cities in this course did not begin with a complete strategy. "
                    "They began by naming someone responsible, getting to know the SSE "
                    "organisations already working in their territory, and changing a few "
                    "things they controlled. Here are five steps that have worked in very "
                    "different places.</p>"
                ),
                text(
                    "<ol>"
                    "<li><b>Name a focal point.</b> One official, in economic development or "
                    "employment, who is responsible for the SSE and known to the sector.</li>"
                    "<li><b>Map what exists.</b> With local networks and universities, list "
                    "the cooperatives, associations, mutuals and social enterprises of your "
                    "territory, including informal groups, and what they do.</li>"
                    "<li><b>Listen.</b> Hold a first meeting with the SSE's networks. Ask "
                    "what blocks them: access to premises, to finance, to public contracts, "
                    "to information.</li>"
                    "<li><b>Change one thing you control.</b> Open one contract, one "
                    "building or one business support programme to SSE enterprises.</li>"
                    "<li><b>Connect.</b> Join national and international networks such as "
                    "GSEF to learn from peers and to be heard when national policy is "
                    "made.</li>"
                    "</ol>"
                ),
                tip(
                    "Quick wins that build trust",
                    "<ul>"
                    "<li>Publish the list of upcoming contracts so that small SSE enterprises "
                    "can prepare.</li>"
                    "<li>Make an unused municipal building available for a shared SSE "
                    "space.</li>"
                    "<li>Include SSE enterprises in the city's existing business awards, "
                    "fairs and missions.</li>"
                    "</ul>",
                ),
                important(
                    "Respect the sector's autonomy",
                    "<p>Support should never become control. Co-construct programmes with "
                    "the SSE's own representatives, keep funding rules transparent, and "
                    "avoid creating organisations that depend entirely on one city "
                    "contract.</p>",
                ),
                heading("Where to go next"),
                text(
                    "<p>GSEF Academy's other courses go deeper into each step: designing a "
                    "municipal SSE strategy, public procurement, financing cooperatives, "
                    "measuring the social economy, and partnership governance between city "
                    "halls and civil society.</p>"
                ),
                resources(
                    "Networks to join",
                    link(
                        "Global Social Economy Forum (GSEF)",
                        "https://gsef-net.org",
                        "The international network of local governments and SSE networks.",
                    ),
                    link(
                        "RIPESS",
                        "https://www.ripess.org",
                        "The Intercontinental Network for the Promotion of the Social "
                        "Solidarity Economy.",
                    ),
                    link(
                        "UNTFSSE Knowledge Hub",
                        "https://knowledgehub.unsse.org",
                        "Research and policy papers on the SSE and the SDGs.",
                    ),
                ),
                quiz(
                    "Check your understanding",
                    "Three questions to end the course.",
                    single(
                        "What is usually the best first step for a city new to the SSE?",
                        right(
                            "Name a focal point and map the SSE organisations already there",
                            "Correct: you cannot support a sector you do not know.",
                        ),
                        wrong(
                            "Create a large grant programme before talking to the sector",
                            "Programmes designed without the sector often miss its real needs.",
                        ),
                        wrong(
                            "Wait for a national strategy",
                            "Many cities have led, and national policy followed.",
                        ),
                    ),
                    multiple(
                        "Which of these are low-cost actions a city controls? Tick all that apply.",
                        right(
                            "Publishing upcoming public contracts early",
                            "Yes: it gives small enterprises time to prepare.",
                        ),
                        right(
                            "Making an unused municipal building available",
                            "Yes: premises are a frequent obstacle.",
                        ),
                        wrong(
                            "Changing the national cooperative law",
                            "This is a national (or regional) competence.",
                        ),
                    ),
                    single(
                        "Why co-construct programmes with the SSE's own representatives?",
                        right(
                            "Because it respects the sector's autonomy and produces programmes "
                            "that fit its needs",
                            "Correct: autonomy and participation are SSE principles, and they "
                            "make policy work better.",
                        ),
                        wrong(
                            "Because the law always requires it",
                            "Some laws do, but the main reason is that it works.",
                        ),
                        wrong(
                            "So that the city can control the organisations",
                            "The aim is the opposite: support without control.",
                        ),
                    ),
                ),
            ],
        },
    ],
}
