"""The demo library: 20 items written in English, French, Spanish and Korean, cases from
Seoul, Bamako, Montréal, Bilbao and Mexico City. Each item names its original language
first in ``text``; the other languages are translations of it. Facts are illustrative."""

# slug, kind, city, country, region, year, sector, instrument, organisations, authors,
# text: {language: (title, summary, outcome)}
ITEMS = [
    {
        "slug": "seoul-social-economy-framework",
        "kind": "case_study",
        "place": ("Seoul", "KR", "asia_pacific"),
        "year": 2014,
        "sector": "social_enterprise",
        "instrument": "law",
        "organisations": ["Seoul"],
        "authors": [("Kim Ji-young", "Seoul Social Economy Center")],
        "document": ("Seoul framework ordinance (summary)", False),
        "text": {
            "ko": (
                "서울시 사회적경제 기본조례와 지원센터",
                "서울시는 2014년 사회적경제 기본조례를 제정하고 사회적경제지원센터를 열어 "
                "협동조합과 사회적기업의 창업과 성장을 지원했다.",
                "5년 동안 사회적경제 기업 수가 두 배 이상 늘었다.",
            ),
            "en": (
                "Seoul's social economy framework ordinance and support centre",
                "In 2014 Seoul adopted a framework ordinance on the social economy and opened "
                "a support centre helping cooperatives and social enterprises start and grow.",
                "The number of social economy enterprises more than doubled in five years.",
            ),
            "fr": (
                "Séoul : ordonnance-cadre et centre d'appui à l'économie sociale",
                "En 2014, Séoul adopte une ordonnance-cadre sur l'économie sociale et ouvre un "
                "centre d'appui aux coopératives et entreprises sociales.",
                "Le nombre d'entreprises de l'économie sociale a plus que doublé en cinq ans.",
            ),
        },
    },
    {
        "slug": "seoul-public-procurement",
        "kind": "case_study",
        "place": ("Seoul", "KR", "asia_pacific"),
        "year": 2016,
        "sector": "social_enterprise",
        "instrument": "procurement",
        "organisations": ["Seoul"],
        "authors": [("Park Min-jun", "Seoul Metropolitan Government")],
        "text": {
            "ko": (
                "서울시 사회적경제 기업 공공구매",
                "서울시는 공공구매 목표를 정하고 사회적경제 기업 제품의 우선구매를 제도화했다.",
                "공공구매액이 해마다 늘어 사회적경제 기업의 안정적 판로가 되었다.",
            ),
            "en": (
                "Seoul buys from the social economy",
                "Seoul set yearly targets for buying from social economy enterprises and made "
                "priority purchasing part of its procurement rules.",
                "Public purchases grew every year and became a stable market for them.",
            ),
        },
    },
    {
        "slug": "bamako-women-cooperatives",
        "kind": "case_study",
        "place": ("Bamako", "ML", "africa"),
        "year": 2019,
        "sector": "food",
        "instrument": "support_centre",
        "organisations": ["Bamako"],
        "authors": [("Aminata Traoré", "District de Bamako")],
        "text": {
            "fr": (
                "Bamako : les coopératives de femmes transformatrices",
                "Le District de Bamako accompagne les coopératives de femmes qui transforment "
                "les céréales et le karité : formation, local partagé et accès au marché.",
                "Trente coopératives accompagnées, des revenus en hausse pour leurs membres.",
            ),
            "en": (
                "Bamako's women's food-processing cooperatives",
                "The District of Bamako supports women's cooperatives processing cereals and "
                "shea: training, a shared workshop and access to markets.",
                "Thirty cooperatives supported; their members' incomes rose.",
            ),
        },
    },
    {
        "slug": "bamako-solidarity-finance",
        "kind": "case_study",
        "place": ("Bamako", "ML", "africa"),
        "year": 2021,
        "sector": "finance",
        "instrument": "funding",
        "organisations": ["Bamako"],
        "authors": [("Moussa Keïta", "Réseau malien de l'ESS")],
        "text": {
            "fr": (
                "Bamako : un fonds de garantie pour la finance solidaire",
                "Un fonds de garantie municipal permet aux mutuelles d'épargne et de crédit de "
                "prêter aux entreprises de l'économie sociale et solidaire.",
                "Les prêts aux coopératives ont triplé en deux ans.",
            ),
        },
    },
    {
        "slug": "montreal-co-construction",
        "kind": "case_study",
        "place": ("Montréal", "CA", "americas"),
        "year": 2009,
        "sector": "social_enterprise",
        "instrument": "co_construction",
        "organisations": ["Montréal", "Chantier"],
        "authors": [("Nancy Neamtan", "Chantier de l'économie sociale")],
        "text": {
            "fr": (
                "Montréal : le partenariat en économie sociale",
                "Montréal co-construit sa politique d'économie sociale avec le Chantier de "
                "l'économie sociale : achats, financement et accompagnement.",
                "Un plan d'action renouvelé trois fois avec les acteurs du milieu.",
            ),
            "en": (
                "Montréal's social economy partnership",
                "Montréal builds its social economy policy together with the Chantier de "
                "l'économie sociale: purchasing, finance and support.",
                "An action plan renewed three times with the sector.",
            ),
            "es": (
                "Montreal: la co-construcción de la economía social",
                "Montreal elabora su política de economía social junto con el Chantier de "
                "l'économie sociale: compras, financiación y acompañamiento.",
                "Un plan de acción renovado tres veces con el sector.",
            ),
        },
    },
    {
        "slug": "montreal-social-housing",
        "kind": "case_study",
        "place": ("Montréal", "CA", "americas"),
        "year": 2018,
        "sector": "housing",
        "instrument": "assets",
        "organisations": ["Montréal"],
        "authors": [("Marie Tremblay", "Ville de Montréal")],
        "text": {
            "fr": (
                "Montréal : des terrains publics pour l'habitation coopérative",
                "La Ville réserve des terrains publics aux coopératives d'habitation et aux OBNL.",
                "Plusieurs centaines de logements abordables construits.",
            ),
        },
    },
    {
        "slug": "bilbao-work-integration",
        "kind": "case_study",
        "place": ("Bilbao", "ES", "europe"),
        "year": 2017,
        "sector": "work_integration",
        "instrument": "procurement",
        "organisations": ["Bilbao"],
        "authors": [("Itziar Etxeberria", "Ayuntamiento de Bilbao")],
        "text": {
            "es": (
                "Bilbao: cláusulas sociales y empresas de inserción",
                "Bilbao reserva contratos públicos a empresas de inserción y centros especiales "
                "de empleo.",
                "Cientos de personas en riesgo de exclusión encontraron empleo.",
            ),
            "en": (
                "Bilbao: social clauses and work-integration enterprises",
                "Bilbao reserves public contracts for work-integration social enterprises.",
                "Hundreds of people at risk of exclusion found work.",
            ),
        },
    },
    {
        "slug": "bilbao-cooperative-education",
        "kind": "case_study",
        "place": ("Bilbao", "ES", "europe"),
        "year": 2020,
        "sector": "cooperatives",
        "instrument": "training",
        "organisations": ["Bilbao"],
        "authors": [("Jon Agirre", "Mondragon Unibertsitatea")],
        "text": {
            "es": (
                "Bilbao: formación cooperativa para jóvenes",
                "Un programa municipal enseña a jóvenes a crear y gestionar cooperativas.",
                "Veinte cooperativas juveniles creadas.",
            ),
        },
    },
    {
        "slug": "mexico-city-solidarity-economy-law",
        "kind": "case_study",
        "place": ("Mexico City", "MX", "americas"),
        "year": 2013,
        "sector": "cooperatives",
        "instrument": "law",
        "organisations": ["Mexico City"],
        "authors": [("Lucía Hernández", "Gobierno de la Ciudad de México")],
        "document": ("Mexico City cooperative law (text)", False),
        "text": {
            "es": (
                "Ciudad de México: ley de fomento cooperativo",
                "La Ciudad de México aprobó una ley de fomento cooperativo con apoyo técnico y "
                "financiero para las cooperativas.",
                "Más de mil cooperativas apoyadas en cinco años.",
            ),
            "en": (
                "Mexico City's cooperative development law",
                "Mexico City passed a law giving cooperatives technical and financial aid.",
                "More than a thousand cooperatives supported in five years.",
            ),
            "ko": (
                "멕시코시티 협동조합 육성법",
                "멕시코시티는 협동조합에 기술·재정 지원을 하는 협동조합 육성법을 제정했다.",
                "5년 동안 천 개가 넘는 협동조합을 지원했다.",
            ),
        },
    },
    {
        "slug": "mexico-city-circular-economy",
        "kind": "case_study",
        "place": ("Mexico City", "MX", "americas"),
        "year": 2022,
        "sector": "circular",
        "instrument": "funding",
        "organisations": ["Mexico City"],
        "authors": [("Carlos Méndez", "Red de recicladores")],
        "text": {
            "es": (
                "Ciudad de México: cooperativas de reciclaje",
                "La ciudad financia cooperativas de recicladores y las integra a la recolección.",
                "Más ingresos y mejores condiciones para los recicladores.",
            ),
        },
    },
    {
        "slug": "brief-sse-framework-laws",
        "kind": "policy_brief",
        "place": ("", "", ""),
        "year": 2023,
        "sector": "",
        "instrument": "law",
        "organisations": [],
        "authors": [("GSEF Secretariat", "")],
        "document": ("Framework laws: members' comparison", True),
        "text": {
            "en": (
                "Framework laws for the social and solidarity economy",
                "What local framework laws on the SSE contain, and what they changed in Seoul, "
                "Mexico City and Bilbao.",
                "",
            ),
            "fr": (
                "Les lois-cadres de l'économie sociale et solidaire",
                "Ce que contiennent les lois-cadres locales sur l'ESS, et ce qu'elles ont changé.",
                "",
            ),
            "es": (
                "Las leyes marco de la economía social y solidaria",
                "Qué contienen las leyes marco locales de la ESS y qué cambiaron.",
                "",
            ),
            "ko": (
                "사회연대경제 기본법 정책 브리프",
                "지방정부의 사회연대경제 기본법에 무엇이 담기고 무엇이 바뀌었는지 정리했다.",
                "",
            ),
        },
    },
    {
        "slug": "brief-public-procurement",
        "kind": "policy_brief",
        "place": ("", "", "europe"),
        "year": 2022,
        "sector": "work_integration",
        "instrument": "procurement",
        "organisations": ["Bilbao", "Barcelona"],
        "authors": [("GSEF Secretariat", "")],
        "text": {
            "en": (
                "Buying social: public procurement for the SSE",
                "How cities reserve contracts and write social clauses within procurement law.",
                "",
            ),
            "es": (
                "Compra pública responsable y economía social",
                "Cómo las ciudades reservan contratos y redactan cláusulas sociales.",
                "",
            ),
        },
    },
    {
        "slug": "brief-solidarity-finance",
        "kind": "policy_brief",
        "place": ("", "", "africa"),
        "year": 2021,
        "sector": "finance",
        "instrument": "funding",
        "organisations": ["Bamako", "Dakar"],
        "authors": [("GSEF Secretariat", "")],
        "text": {
            "en": (
                "Financing the solidarity economy in African cities",
                "Guarantee funds, mutual savings and municipal grants for SSE enterprises.",
                "",
            ),
            "fr": (
                "Financer l'économie solidaire dans les villes africaines",
                "Fonds de garantie, mutuelles d'épargne et subventions municipales.",
                "",
            ),
        },
    },
    {
        "slug": "brief-care-cooperatives",
        "kind": "policy_brief",
        "place": ("", "", ""),
        "year": 2024,
        "sector": "care",
        "instrument": "co_construction",
        "organisations": [],
        "authors": [("GSEF Secretariat", "")],
        "text": {
            "en": (
                "Care cooperatives and local governments",
                "How cities work with care cooperatives for children, older people and "
                "people with disabilities.",
                "",
            ),
            "ko": (
                "돌봄 협동조합과 지방정부",
                "지방정부가 아동·노인·장애인 돌봄 협동조합과 협력하는 방법.",
                "",
            ),
        },
    },
    {
        "slug": "toolkit-mapping-the-sse",
        "kind": "toolkit",
        "place": ("", "", ""),
        "year": 2023,
        "sector": "",
        "instrument": "measurement",
        "organisations": ["SEE"],
        "authors": [("Social Economy Europe", "")],
        "text": {
            "en": (
                "Toolkit: mapping your city's social economy",
                "Step by step, from the first list of enterprises to a public map and statistics.",
                "",
            ),
            "fr": (
                "Boîte à outils : cartographier l'économie sociale de sa ville",
                "Pas à pas, de la première liste d'entreprises à une carte publique.",
                "",
            ),
            "es": (
                "Caja de herramientas: mapear la economía social de su ciudad",
                "Paso a paso, de la primera lista de empresas a un mapa público.",
                "",
            ),
        },
    },
    {
        "slug": "toolkit-support-centre",
        "kind": "toolkit",
        "place": ("", "", "asia_pacific"),
        "year": 2020,
        "sector": "social_enterprise",
        "instrument": "support_centre",
        "organisations": ["Seoul", "Gwangju"],
        "authors": [("Seoul Social Economy Center", "")],
        "text": {
            "ko": (
                "사회적경제 지원센터 운영 도구",
                "지원센터의 설립, 운영, 평가를 위한 실무 도구 모음.",
                "",
            ),
            "en": (
                "Toolkit: running a social economy support centre",
                "Practical tools to set up, run and evaluate a support centre.",
                "",
            ),
        },
    },
    {
        "slug": "toolkit-co-construction",
        "kind": "toolkit",
        "place": ("", "", "americas"),
        "year": 2019,
        "sector": "",
        "instrument": "co_construction",
        "organisations": ["Chantier"],
        "authors": [("Chantier de l'économie sociale", "")],
        "text": {
            "fr": (
                "Guide de la co-construction des politiques publiques",
                "Méthodes pour élaborer une politique d'économie sociale avec ses acteurs.",
                "",
            ),
        },
    },
    {
        "slug": "publication-gsef-cities-report",
        "kind": "publication",
        "place": ("", "", ""),
        "year": 2025,
        "sector": "",
        "instrument": "",
        "organisations": [],
        "authors": [("GSEF Secretariat", "")],
        "text": {
            "en": (
                "Cities and the social and solidarity economy: GSEF report 2025",
                "What GSEF members did for the SSE, city by city.",
                "",
            ),
            "fr": (
                "Les villes et l'économie sociale et solidaire : rapport du GSEF 2025",
                "Ce que les membres du GSEF ont fait pour l'ESS, ville par ville.",
                "",
            ),
            "es": (
                "Las ciudades y la economía social y solidaria: informe GSEF 2025",
                "Lo que hicieron los miembros del GSEF por la ESS, ciudad por ciudad.",
                "",
            ),
            "ko": (
                "도시와 사회연대경제: GSEF 2025 보고서",
                "GSEF 회원 도시들이 사회연대경제를 위해 한 일을 도시별로 정리했다.",
                "",
            ),
        },
    },
    {
        "slug": "publication-culture-and-tourism",
        "kind": "publication",
        "place": ("", "", "europe"),
        "year": 2018,
        "sector": "culture",
        "instrument": "",
        "organisations": ["Barcelona"],
        "authors": [("Laia Puig", "Ajuntament de Barcelona")],
        "text": {
            "es": (
                "Turismo comunitario y economía social",
                "Experiencias de turismo y cultura gestionados por cooperativas.",
                "",
            ),
        },
    },
    {
        "slug": "publication-measuring-impact",
        "kind": "publication",
        "place": ("", "", ""),
        "year": 2024,
        "sector": "",
        "instrument": "measurement",
        "organisations": [],
        "authors": [("GSEF Secretariat", "")],
        "text": {
            "en": (
                "Measuring the social and solidarity economy in cities",
                "Indicators and statistics local governments use to follow the SSE.",
                "",
            ),
            "ko": (
                "도시 사회연대경제 측정하기",
                "지방정부가 사회연대경제를 파악하는 지표와 통계.",
                "",
            ),
        },
    },
]

INDEX_TITLES = {"en": "Library", "fr": "Bibliothèque", "es": "Biblioteca", "ko": "자료실"}
INDEX_SLUGS = {"en": "library", "fr": "bibliotheque", "es": "biblioteca", "ko": "library-ko"}
INDEX_INTROS = {
    "en": "Case studies, policy briefs, toolkits and publications from GSEF's members.",
    "fr": "Études de cas, notes d\N{RIGHT SINGLE QUOTATION MARK}orientation, boîtes à outils "
    "et publications des membres du GSEF.",
    "es": "Estudios de caso, notas de políticas, guías prácticas "
    "y publicaciones de los miembros del GSEF.",
    "ko": "GSEF 회원들의 사례 연구, 정책 브리프, 툴킷과 출판물입니다.",
}

# The cases the demo course's module links through its "related cases" block.
LINKED_CASES = ("seoul-social-economy-framework", "mexico-city-solidarity-economy-law")
