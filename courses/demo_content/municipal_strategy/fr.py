"""Concevoir une stratégie municipale d'ESS : les leçons de Séoul, Montréal et Bilbao (français)."""
# ruff: noqa: RUF001 (typographic apostrophes and quotation marks are intended)

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
    "title": "Concevoir une stratégie municipale d’ESS : les leçons de Séoul, Montréal et Bilbao",
    "slug": "concevoir-une-strategie-municipale-d-ess",
    "summary": (
        "Comment trois membres du GSEF ont bâti des politiques d’économie sociale et solidaire "
        "durables, et une méthode pas à pas pour concevoir une stratégie adaptée à votre "
        "ville."
    ),
    "description": (
        "<p>Séoul, Montréal et Bilbao comptent parmi les villes qui ont le plus fait pour "
        "placer l’économie sociale et solidaire (ESS) au cœur du développement local, par des "
        "chemins très différents : un écosystème bâti rapidement par l’administration "
        "municipale à Séoul, des décennies de co-construction avec un secteur fort à Montréal, "
        "et une tradition coopérative enracinée au Pays basque, autour de Bilbao.</p>"
        "<p>Ce cours examine ce que chacune a fait, ce qui a fonctionné, ce qui n’a pas "
        "fonctionné et ce qui peut être transposé ailleurs. Il se termine par une méthode pour "
        "rédiger votre propre stratégie.</p>"
        "<h2>Ce que vous apprendrez</h2>"
        "<ul>"
        "<li>Les composantes d’une stratégie municipale d’ESS.</li>"
        "<li>Comment Séoul a bâti un écosystème d’appui, et pourquoi la continuité compte.</li>"
        "<li>Comment Montréal co-construit ses politiques avec le Chantier de l’économie "
        "sociale.</li>"
        "<li>Ce que l’expérience coopérative basque, de Mondragon à Bilbao, enseigne sur les "
        "institutions de long terme.</li>"
        "</ul>"
        "<h2>Avant de commencer</h2>"
        "<p>Le cours « Introduction à l’économie sociale et solidaire pour les collectivités "
        "locales », ou une expérience équivalente, est recommandé.</p>"
    ),
    "signatories": [
        ("Secrétariat du GSEF", "Secrétaire général, Forum mondial de l’économie sociale"),
        ("GSEF Academy", "Responsable de la formation, GSEF Academy"),
    ],
    "modules": [
        {
            "title": "Qu’est-ce qu’une stratégie municipale d’ESS ?",
            "slug": "qu-est-ce-qu-une-strategie-municipale",
            "summary": (
                "Les six composantes d’une stratégie et la différence entre une stratégie et "
                "une liste de projets."
            ),
            "body": [
                heading("Plus qu’une liste de projets"),
                text(
                    "<p>Beaucoup de villes soutiennent l’ESS par des projets séparés : une "
                    "subvention ici, un incubateur là, un salon une fois par an. Une "
                    "<b>stratégie</b> les relie à un objectif commun, attribue des "
                    "responsabilités et un budget, et fait l’objet d’un suivi dans le temps. "
                    "Elle indique aussi au secteur ce sur quoi il peut compter au-delà du "
                    "prochain exercice budgétaire.</p>"
                ),
                heading("Six composantes"),
                text(
                    "<ol>"
                    "<li><b>Un diagnostic</b> : qui sont les acteurs de l’ESS du territoire, "
                    "ce qu’ils font, à quels besoins de la population ils répondent et ce qui "
                    "les freine.</li>"
                    "<li><b>Une vision partagée</b> : ce à quoi la ville veut que l’ESS "
                    "contribue, par exemple les soins, le logement, l’emploi de qualité, la "
                    "transition écologique ou la revitalisation des quartiers.</li>"
                    "<li><b>Des instruments</b> : services d’accompagnement, financement, "
                    "accès à la commande publique, locaux, formation et sensibilisation.</li>"
                    "<li><b>Une gouvernance</b> : comment le secteur participe à la "
                    "conception et au pilotage de la stratégie, et quel service la porte au "
                    "sein de l’administration.</li>"
                    "<li><b>Des moyens et un ancrage</b> : une ligne budgétaire, du "
                    "personnel et, si possible, un règlement ou une résolution du conseil "
                    "qui survive au mandat en cours.</li>"
                    "<li><b>Une évaluation</b> : quelques indicateurs convenus avec le "
                    "secteur et une date de révision.</li>"
                    "</ol>"
                ),
                note(
                    "Une stratégie se construit avec le secteur, pas pour lui",
                    "<p>Dans les trois villes de ce cours, les réseaux de l’ESS ont été "
                    "associés dès le diagnostic. La Recommandation de l’OCDE sur l’économie "
                    "sociale et solidaire et l’innovation sociale (2022) insiste elle aussi "
                    "sur la co-construction avec les acteurs de l’ESS.</p>",
                ),
                tip(
                    "Adaptez la stratégie à vos compétences",
                    "<p>Un gouvernement métropolitain, un arrondissement et une petite "
                    "commune n’ont ni les mêmes compétences ni les mêmes budgets. Dressez la "
                    "liste de ce que votre niveau de gouvernement maîtrise (achats, foncier, "
                    "accompagnement des entreprises, services sociaux) avant de choisir vos "
                    "instruments.</p>",
                ),
                quiz(
                    "Vérifiez vos connaissances",
                    "Trois questions sur les composantes d’une stratégie.",
                    single(
                        "Qu’est-ce qui distingue le plus une stratégie d’un ensemble de projets ?",
                        right(
                            "Elle relie les actions à un objectif commun, avec des "
                            "responsabilités, un budget et un suivi dans le temps",
                            "Exact : la cohérence et la continuité sont ce qu’apporte une "
                            "stratégie.",
                        ),
                        wrong(
                            "Elle compte plus de projets",
                            "Le nombre de projets n’est pas ce qui compte.",
                        ),
                        wrong(
                            "Elle est rédigée par des consultants",
                            "Qui la rédige importe moins que la participation du secteur à "
                            "son élaboration.",
                        ),
                    ),
                    multiple(
                        "Lesquelles de ces composantes font partie d’une stratégie municipale "
                        "d’ESS ? Cochez toutes les bonnes réponses.",
                        right(
                            "Un diagnostic de l’ESS locale",
                            "Oui : c’est le point de départ.",
                        ),
                        right(
                            "Une gouvernance partagée avec le secteur",
                            "Oui : le secteur participe au pilotage de la stratégie.",
                        ),
                        right(
                            "Des indicateurs et une date de révision",
                            "Oui : l’évaluation permet à la stratégie de s’améliorer.",
                        ),
                        wrong(
                            "L’engagement que la ville possédera des entreprises de l’ESS",
                            "Non : la ville soutient un secteur autonome.",
                        ),
                    ),
                    single(
                        "Pourquoi ancrer une stratégie dans un règlement ou une résolution du "
                        "conseil ?",
                        right(
                            "Pour qu’elle puisse survivre à un changement d’équipe municipale",
                            "Exact : la continuité donne au secteur la confiance nécessaire "
                            "pour investir.",
                        ),
                        wrong(
                            "Parce qu’une stratégie est illégale sans cela",
                            "Ce n’est pas une obligation légale, c’est une garantie.",
                        ),
                        wrong(
                            "Pour éviter de consulter le secteur",
                            "Ancrage et concertation vont de pair.",
                        ),
                    ),
                ),
            ],
        },
        {
            "title": "Séoul : bâtir un écosystème",
            "slug": "seoul-batir-un-ecosysteme",
            "summary": (
                "Comment le gouvernement métropolitain de Séoul a mis en place des centres "
                "d’appui, des financements et des achats publics pour l’économie sociale, et "
                "ce qui s’est passé lorsque les priorités ont changé."
            ),
            "body": [
                heading("Un cadre national, un élan municipal"),
                text(
                    "<p>La loi coréenne sur la promotion des entreprises sociales (2007) et "
                    "la loi-cadre sur les coopératives (2012) ont donné au pays une base "
                    "juridique pour l’économie sociale. À partir de 2012, le gouvernement "
                    "métropolitain de Séoul a fait de l’économie sociale l’une de ses "
                    "principales politiques économiques, en lien avec un réseau "
                    "d’organisations de l’économie sociale issu de la société civile.</p>"
                ),
                case_study(
                    "Le Centre d’appui à l’économie sociale de Séoul",
                    "Séoul",
                    "<p>Ouvert en 2013 et géré par la société civile dans le cadre d’une "
                    "convention avec la ville, le centre offrait conseil à la création, "
                    "formation, espaces de travail partagés, mise en réseau et recherche. "
                    "Des <b>centres d’arrondissement</b> ont suivi, afin que l’aide soit "
                    "disponible près des entreprises et des habitants. La ville a aussi "
                    "encouragé l’<b>achat public</b> de produits de l’économie sociale, créé "
                    "un <b>fonds d’investissement social</b> et soutenu des projets "
                    "d’économie sociale de quartier.</p>",
                ),
                heading("Séoul et la naissance du GSEF"),
                text(
                    "<p>En 2013, Séoul a accueilli le premier Forum mondial de l’économie "
                    "sociale et, l’année suivante, le GSEF a été fondé comme association "
                    "internationale dont le secrétariat siège à Séoul. L’expérience de la "
                    "ville a essaimé : plusieurs villes et arrondissements coréens, comme "
                    "Gwangju, ont développé leurs propres politiques d’économie sociale.</p>"
                ),
                important(
                    "Quand les priorités changent",
                    "<p>Après un changement à la tête de la ville en 2021, Séoul a "
                    "profondément révisé son soutien aux organisations intermédiaires de "
                    "l’économie sociale, et plusieurs programmes ont été réduits ou arrêtés. "
                    "Pour les autres villes, la leçon n’est pas d’éviter les centres d’appui, "
                    "mais de les concevoir de sorte que les organisations du secteur, la loi "
                    "et des sources de revenus diversifiées portent l’écosystème même quand "
                    "les priorités municipales changent.</p>",
                ),
                tip(
                    "Ce que l’on peut retenir de Séoul",
                    "<ul>"
                    "<li>Une porte d’entrée visible pour toutes les formes d’entreprises de "
                    "l’ESS.</li>"
                    "<li>Un appui proche des quartiers, pas seulement au centre-ville.</li>"
                    "<li>L’achat public comme débouché, et pas seulement des "
                    "subventions.</li>"
                    "</ul>",
                ),
                resources(
                    "Pour aller plus loin",
                    link(
                        "Forum mondial de l’économie sociale (GSEF)",
                        "https://gsef-net.org",
                        "L’histoire, les membres et les ressources du GSEF.",
                    ),
                    link(
                        "Agence coréenne de promotion des entreprises sociales",
                        "https://www.socialenterprise.or.kr",
                        "L’agence nationale des entreprises sociales en Corée (en coréen).",
                    ),
                ),
                quiz(
                    "Vérifiez vos connaissances",
                    "Trois questions sur l’expérience de Séoul.",
                    single(
                        "Quelle loi coréenne de 2012 a facilité la création de coopératives ?",
                        right(
                            "La loi-cadre sur les coopératives",
                            "Exact. La loi sur la promotion des entreprises sociales date de 2007.",
                        ),
                        wrong(
                            "La Charte de l’économie sociale de Séoul",
                            "Il n’existe pas de loi portant ce nom.",
                        ),
                        wrong(
                            "La Loi sur l’économie sociale",
                            "C’est la loi québécoise de 2013.",
                        ),
                    ),
                    multiple(
                        "Quels instruments Séoul a-t-elle utilisés ? Cochez toutes les bonnes "
                        "réponses.",
                        right("Un centre d’appui à l’échelle de la ville", "Oui, ouvert en 2013."),
                        right(
                            "Des centres d’appui d’arrondissement",
                            "Oui, pour rapprocher l’aide des habitants.",
                        ),
                        right(
                            "L’achat public de produits de l’économie sociale",
                            "Oui : la ville l’a encouragé comme débouché pour le secteur.",
                        ),
                        wrong(
                            "L’interdiction des entreprises classiques dans certains "
                            "arrondissements",
                            "Aucune mesure de ce type n’a existé.",
                        ),
                    ),
                    single(
                        "Quelle est la principale leçon des changements intervenus après 2021 ?",
                        right(
                            "Concevoir l’appui de sorte que les organisations du secteur et la "
                            "loi puissent porter l’écosystème quand les priorités municipales "
                            "changent",
                            "Exact : la résilience doit faire partie de la conception.",
                        ),
                        wrong(
                            "Il ne faut jamais créer de centres d’appui",
                            "Ils ont joué un rôle clé ; la leçon porte sur la résilience.",
                        ),
                        wrong(
                            "Les villes ne devraient jamais changer de politique",
                            "Les politiques changent démocratiquement ; la question est de "
                            "savoir ce qui demeure.",
                        ),
                    ),
                ),
            ],
        },
        {
            "title": "Montréal : la co-construction avec le Chantier de l’économie sociale",
            "slug": "montreal-la-co-construction",
            "summary": (
                "Comment une ville et un secteur fort et organisé conçoivent ensemble les "
                "politiques depuis plus de vingt-cinq ans, et les outils financiers qui en "
                "sont nés."
            ),
            "body": [
                heading("D’un sommet à un partenariat durable"),
                text(
                    "<p>Le <b>Chantier de l’économie sociale</b> est né d’un groupe de "
                    "travail du Sommet sur l’économie et l’emploi de 1996 et est devenu un "
                    "réseau autonome en 1999. Il rassemble des entreprises, des réseaux "
                    "sectoriels, des organismes de développement local et des mouvements "
                    "sociaux. La <i>Loi sur l’économie sociale</i> du Québec (2013) le "
                    "désigne, avec le Conseil québécois de la coopération et de la "
                    "mutualité, comme interlocuteur privilégié du gouvernement.</p>"
                ),
                case_study(
                    "Un partenariat signé par la Ville",
                    "Montréal",
                    "<p>En 2009, la Ville de Montréal et ses partenaires, dont le Chantier, "
                    "ont signé un partenariat pour un développement solidaire et durable. "
                    "Depuis, la Ville a adopté des plans d’action en économie sociale "
                    "préparés avec le secteur, soutenu les entreprises d’économie sociale "
                    "par son réseau d’accompagnement des entreprises et travaillé à leur "
                    "ouvrir les achats municipaux. Montréal a accueilli le forum du GSEF en "
                    "2016.</p>",
                ),
                heading("Des outils financiers bâtis par le secteur"),
                text(
                    "<p>L’ESS québécoise a créé sa propre finance : le <b>Réseau "
                    "d’investissement social du Québec (RISQ)</b>, créé en 1997, et la "
                    "<b>Fiducie du Chantier de l’économie sociale</b>, créée en 2007 pour "
                    "offrir du capital patient, aux côtés de la Caisse d’économie solidaire "
                    "Desjardins et des fonds de travailleurs. Les pouvoirs publics ont "
                    "apporté des capitaux, mais ces outils sont gérés par et pour le "
                    "secteur.</p>"
                ),
                note(
                    "Co-construire n’est pas consulter",
                    "<p>La consultation demande l’avis du secteur sur une politique déjà "
                    "écrite. La co-construction associe le secteur à la définition du "
                    "problème, des instruments et de l’évaluation. Elle prend plus de temps "
                    "et suppose un secteur assez organisé pour parler d’une seule voix.</p>",
                ),
                resources(
                    "Pour aller plus loin",
                    link(
                        "Chantier de l’économie sociale",
                        "https://chantier.qc.ca",
                        "L’histoire, les membres et les publications du Chantier.",
                    ),
                    link(
                        "TIESS",
                        "https://tiess.ca",
                        "L’organisme de liaison et de transfert en innovation sociale et en "
                        "économie sociale du Québec.",
                    ),
                ),
                quiz(
                    "Vérifiez vos connaissances",
                    "Trois questions sur l’expérience de Montréal.",
                    single(
                        "D’où vient le Chantier de l’économie sociale ?",
                        right(
                            "D’un groupe de travail du Sommet sur l’économie et l’emploi de "
                            "1996, au Québec",
                            "Exact. Il est devenu un réseau autonome en 1999.",
                        ),
                        wrong(
                            "D’un service de la Ville de Montréal",
                            "Le Chantier est indépendant des pouvoirs publics.",
                        ),
                        wrong(
                            "Du premier forum du GSEF",
                            "Le premier forum du GSEF s’est tenu à Séoul en 2013.",
                        ),
                    ),
                    single(
                        "Qu’est-ce qui distingue la co-construction de la consultation ?",
                        right(
                            "Le secteur contribue à définir le problème, les instruments et "
                            "l’évaluation, et ne se contente pas de commenter une politique "
                            "déjà écrite",
                            "Exact.",
                        ),
                        wrong(
                            "La co-construction est plus rapide",
                            "Elle prend généralement plus de temps.",
                        ),
                        wrong(
                            "Il n’y a aucune différence",
                            "Le degré de participation est très différent.",
                        ),
                    ),
                    multiple(
                        "Lesquels de ces outils financent l’économie sociale québécoise ? "
                        "Cochez toutes les bonnes réponses.",
                        right("Le RISQ", "Oui, créé en 1997."),
                        right(
                            "La Fiducie du Chantier de l’économie sociale",
                            "Oui, créée en 2007.",
                        ),
                        wrong(
                            "Le fonds d’investissement social de Séoul",
                            "Ce fonds a été créé par le gouvernement métropolitain de Séoul.",
                        ),
                    ),
                ),
            ],
        },
        {
            "title": "Bilbao et la tradition coopérative basque, et votre propre stratégie",
            "slug": "bilbao-et-la-tradition-cooperative-basque",
            "summary": (
                "Ce que le mouvement coopératif basque, de Mondragon à Bilbao, enseigne sur les "
                "institutions de long terme, et une méthode pour rédiger votre propre "
                "stratégie."
            ),
            "body": [
                heading("Une tradition coopérative"),
                text(
                    "<p>Le Pays basque est connu dans le monde entier pour l’expérience "
                    "coopérative de <b>Mondragon</b>, née en 1956 d’une petite coopérative de "
                    "travail dans la ville d’Arrasate-Mondragón et devenue un groupe de "
                    "coopératives industrielles, de distribution, de finance, d’enseignement "
                    "et de recherche. Elle s’est dotée de ses propres institutions : une "
                    "banque coopérative (Caja Laboral, aujourd’hui Laboral Kutxa), une "
                    "mutuelle de protection sociale, des écoles techniques et une "
                    "université.</p>"
                ),
                case_study(
                    "L’intercoopération en pratique",
                    "Pays basque",
                    "<p>Les coopératives de Mondragon mettent en commun une partie de leurs "
                    "résultats dans des fonds destinés à l’investissement, à l’éducation et "
                    "à la création de nouvelles coopératives, et reclassent des "
                    "associés-travailleurs d’une coopérative à l’autre lorsque l’une d’elles "
                    "doit réduire ses effectifs. Lors de la faillite de Fagor "
                    "Electrodomésticos, l’une des plus anciennes coopératives du groupe, en "
                    "2013, de nombreux associés ont été reclassés dans d’autres "
                    "coopératives : une épreuve qui a montré à la fois les limites et la "
                    "force de l’intercoopération.</p>",
                ),
                case_study(
                    "Une ville dans une région coopérative",
                    "Bilbao",
                    "<p>Bilbao s’inscrit dans un écosystème régional dense : la législation "
                    "coopérative et l’appui du gouvernement basque, la Députation forale de "
                    "Biscaye, les fédérations de coopératives et les universités. La mairie "
                    "soutient l’entrepreneuriat, y compris les entreprises de l’économie "
                    "sociale, par son agence de développement économique, et a accueilli le "
                    "forum du GSEF en 2018.</p>",
                ),
                heading("Rédiger votre propre stratégie"),
                text(
                    "<ol>"
                    "<li>Constituez dès le départ un petit comité de pilotage avec les "
                    "réseaux de l’ESS.</li>"
                    "<li>Menez le diagnostic ensemble : cartographiez les acteurs et les "
                    "obstacles qu’ils rencontrent.</li>"
                    "<li>Choisissez trois ou quatre priorités où l’ESS peut répondre à un "
                    "besoin clair de la ville.</li>"
                    "<li>Retenez des instruments que vous maîtrisez et pouvez financer sur "
                    "plusieurs années.</li>"
                    "<li>Ancrez la stratégie : résolution du conseil, ligne budgétaire, "
                    "service responsable désigné.</li>"
                    "<li>Convenez de quelques indicateurs et d’une date de révision "
                    "publique.</li>"
                    "</ol>"
                ),
                important(
                    "Les modèles ne voyagent pas, les leçons si",
                    "<p>La rapidité de Séoul, la co-construction montréalaise et les "
                    "institutions basques sont nées d’histoires particulières. Bamako, Mexico "
                    "ou votre propre ville trouveront leur chemin : ce qui se transpose, "
                    "c’est la méthode (partir des acteurs, bâtir des institutions durables, "
                    "partager le pouvoir avec le secteur).</p>",
                ),
                resources(
                    "Pour aller plus loin",
                    link(
                        "MONDRAGON Corporation",
                        "https://www.mondragon-corporation.com",
                        "L’histoire, les principes coopératifs et la structure du groupe.",
                    ),
                    link(
                        "Recommandation de l’OCDE sur l’ESS et l’innovation sociale",
                        "https://legalinstruments.oecd.org/en/instruments/OECD-LEGAL-0472",
                        "Une liste des domaines d’action pour un écosystème de l’ESS.",
                    ),
                ),
                quiz(
                    "Vérifiez vos connaissances",
                    "Trois questions pour conclure le cours.",
                    single(
                        "Qu’est-ce que l’intercoopération dans l’expérience de Mondragon ?",
                        right(
                            "Des coopératives qui mettent des fonds en commun et reclassent des "
                            "associés-travailleurs entre elles",
                            "Exact : une solidarité entre entreprises, et pas seulement en leur "
                            "sein.",
                        ),
                        wrong(
                            "Des coopératives qui fusionnent en une seule société",
                            "Les coopératives restent des entreprises distinctes.",
                        ),
                        wrong(
                            "La propriété publique des coopératives",
                            "Les coopératives appartiennent à leurs associés.",
                        ),
                    ),
                    single(
                        "Que montre la faillite de Fagor Electrodomésticos en 2013 ?",
                        right(
                            "À la fois les limites et la force de l’intercoopération : "
                            "l’entreprise a échoué, mais de nombreux associés ont été reclassés",
                            "Exact : une lecture équilibrée d’un cas difficile.",
                        ),
                        wrong(
                            "Que les coopératives ne peuvent pas faire faillite",
                            "Les coopératives peuvent échouer, comme toute entreprise.",
                        ),
                        wrong(
                            "Que le groupe Mondragon n’existe plus",
                            "Le groupe poursuit ses activités.",
                        ),
                    ),
                    multiple(
                        "Quelles étapes font partie de la rédaction d’une stratégie ? Cochez "
                        "toutes les bonnes réponses.",
                        right(
                            "Un comité de pilotage avec les réseaux de l’ESS dès le départ",
                            "Oui : la co-construction commence avec le diagnostic.",
                        ),
                        right(
                            "Une ligne budgétaire et un service responsable désigné",
                            "Oui : l’ancrage la fait durer.",
                        ),
                        wrong(
                            "Copier mot pour mot la stratégie d’une autre ville",
                            "Les leçons se transposent ; les modèles, rarement.",
                        ),
                    ),
                ),
            ],
        },
    ],
}
