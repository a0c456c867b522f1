"""Introduction à l'économie sociale et solidaire pour les collectivités locales (français)."""
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
    subheading,
    text,
    tip,
    wrong,
)
from courses.demo_content.intro_sse.en import OECD_RECOMMENDATION, UN_RESOLUTION

COURSE = {
    "title": "Introduction à l’économie sociale et solidaire pour les collectivités locales",
    "slug": "introduction-a-l-economie-sociale-et-solidaire",
    "summary": (
        "Ce qu’est l’économie sociale et solidaire, pourquoi l’ONU, l’OIT et l’OCDE demandent "
        "désormais aux gouvernements de la soutenir, et ce qu’une ville peut faire dès sa "
        "première année."
    ),
    "description": (
        "<p>Coopératives, mutuelles, associations, fondations et entreprises sociales "
        "fournissent des emplois, des soins, des logements, de l’alimentation et des services "
        "financiers dans toutes les régions du monde. Ensemble, elles forment l’<b>économie "
        "sociale et solidaire (ESS)</b> : des entreprises et des organisations qui font passer "
        "les personnes et la planète avant la rémunération du capital, et qui sont gouvernées "
        "démocratiquement ou avec la participation de celles et ceux qu’elles servent.</p>"
        "<p>Depuis 2022, trois textes internationaux invitent les gouvernements, y compris "
        "locaux, à reconnaître et à soutenir l’ESS : la résolution de la Conférence "
        "internationale du Travail concernant le travail décent et l’ESS, la Recommandation "
        "de l’OCDE sur l’économie sociale et solidaire et l’innovation sociale, et la "
        "résolution A/RES/77/281 de l’Assemblée générale des Nations Unies.</p>"
        "<h2>Ce que vous apprendrez</h2>"
        "<ul>"
        "<li>Expliquer ce qu’est l’ESS, et ce qu’elle n’est pas, à vos collègues et aux élus.</li>"
        "<li>Ce que disent les textes de l’ONU, de l’OIT et de l’OCDE, et comment ils "
        "appuient l’action locale.</li>"
        "<li>Les rôles que peut jouer une collectivité : rassembleuse, acheteuse, financeuse, "
        "régulatrice, propriétaire de terrains et de bâtiments, promotrice.</li>"
        "<li>Comment les lois sur l’ESS diffèrent d’un pays à l’autre.</li>"
        "<li>Cinq premières étapes adaptées au budget de toute ville.</li>"
        "</ul>"
        "<h2>À qui s’adresse ce cours</h2>"
        "<p>Aux agents et aux élus des collectivités locales et régionales qui découvrent "
        "l’ESS, ainsi qu’aux équipes des réseaux de l’ESS qui travaillent avec elles. Aucune "
        "connaissance préalable n’est requise.</p>"
    ),
    "signatories": [
        ("Secrétariat du GSEF", "Secrétaire général, Forum mondial de l’économie sociale")
    ],
    "modules": [
        {
            "title": "Qu’est-ce que l’économie sociale et solidaire ?",
            "slug": "qu-est-ce-que-l-ess",
            "summary": (
                "Les organisations qui composent l’ESS, les principes qu’elles partagent et la "
                "définition adoptée par les gouvernements à la Conférence internationale du "
                "Travail en 2022."
            ),
            "body": [
                heading("Une économie qui a un but"),
                text(
                    "<p>Une coopérative d’habitation à Montréal, une coopérative de femmes "
                    "productrices de beurre de karité au Mali, une mutuelle de santé en "
                    "Belgique, une entreprise sociale d’insertion à Séoul et une cuisine "
                    "communautaire à Mexico font des choses très différentes. Ce qu’elles "
                    "partagent, c’est une manière d’entreprendre : elles existent pour "
                    "répondre à un besoin de leurs membres ou de la collectivité, non pour "
                    "maximiser le rendement des investisseurs, et les personnes concernées ont "
                    "réellement voix au chapitre.</p>"
                    "<p>Cette famille d’organisations s’appelle l’<b>économie sociale et "
                    "solidaire</b>. Les mots varient selon les pays (<i>économie sociale</i> "
                    "au Québec, en Espagne et dans une grande partie de l’Europe, "
                    "<i>économie solidaire</i> en Amérique latine, <i>économie sociale</i> "
                    "(사회적경제) en Corée), mais les textes internationaux emploient "
                    "désormais « économie sociale et solidaire », ou ESS, pour les "
                    "englober toutes.</p>"
                ),
                heading("La définition adoptée au niveau international"),
                text(
                    "<p>En juin 2022, la Conférence internationale du Travail, où se "
                    "réunissent les gouvernements, les employeurs et les travailleurs des "
                    "États membres de l’OIT, a adopté la première définition tripartite de "
                    "l’ESS. L’Assemblée générale des Nations Unies l’a reprise dans la "
                    "résolution A/RES/77/281 en avril 2023. En substance, l’ESS :</p>"
                    "<ul>"
                    "<li>englobe les entreprises, organisations et autres entités qui mènent "
                    "des activités économiques, sociales et environnementales au service de "
                    "l’intérêt collectif et/ou général ;</li>"
                    "<li>repose sur les principes de coopération volontaire et d’entraide, de "
                    "gouvernance démocratique et/ou participative, d’autonomie et "
                    "d’indépendance, et de primauté de l’être humain et de la finalité "
                    "sociale sur le capital dans la répartition et l’utilisation des "
                    "excédents, des bénéfices et des actifs ;</li>"
                    "<li>selon les contextes nationaux, comprend les coopératives, "
                    "associations, mutuelles, fondations, entreprises sociales, groupes "
                    "d’entraide et autres entités qui suivent ces valeurs et principes.</li>"
                    "</ul>"
                ),
                note(
                    "Des principes, pas des statuts juridiques",
                    "<p>La définition part de la <b>manière</b> dont une organisation "
                    "fonctionne, et non de son statut juridique. Une coopérative gérée comme "
                    "une société classique n’a plus grand-chose d’un acteur de l’ESS ; une "
                    "petite société dont les statuts verrouillent les actifs et donnent une "
                    "voix aux salariés peut tout à fait en être un. La plupart des pays "
                    "combinent les deux approches : certains statuts relèvent de l’ESS par "
                    "définition, d’autres y entrent lorsqu’ils remplissent des critères "
                    "précis.</p>",
                ),
                heading("Les grandes familles"),
                text(
                    "<ul>"
                    "<li><b>Les coopératives</b> : des entreprises détenues et contrôlées "
                    "démocratiquement par leurs membres (salariés, producteurs, "
                    "consommateurs, usagers, ou plusieurs d’entre eux), selon les sept "
                    "principes de l’Alliance coopérative internationale.</li>"
                    "<li><b>Les mutuelles</b> : des régimes d’assurance, de santé ou "
                    "d’épargne qui appartiennent à leurs membres, lesquels mutualisent les "
                    "risques au lieu de verser des profits à des actionnaires.</li>"
                    "<li><b>Les associations et les fondations</b> : des organisations à but "
                    "non lucratif qui gèrent des services, des activités marchandes ou du "
                    "plaidoyer au service d’une finalité sociale.</li>"
                    "<li><b>Les entreprises sociales</b> : des entreprises dont l’objectif "
                    "est avant tout social et dont les bénéfices sont principalement "
                    "réinvestis dans cet objectif. De nombreux pays, dont la Corée, l’Italie "
                    "et le Mexique, les reconnaissent dans la loi.</li>"
                    "<li><b>Les groupes communautaires et d’entraide</b> : groupes "
                    "d’épargne, tontines, entreprises de village ou de quartier, souvent "
                    "informels, qui constituent la plus grande part de l’ESS dans de "
                    "nombreuses villes d’Afrique et d’Asie.</li>"
                    "</ul>"
                ),
                heading("Ce que l’ESS n’est pas"),
                text(
                    "<p>L’ESS n’est ni la charité ni la responsabilité sociale des "
                    "entreprises. Elle ne s’adresse pas aux seules personnes pauvres et ne "
                    "remplace pas les services publics. Elle commerce, emploie et affronte la "
                    "concurrence ; ce qui change, c’est qui contrôle l’entreprise et où va "
                    "l’excédent.</p>"
                ),
                tip(
                    "L’expliquer en une phrase",
                    "<p>Lorsqu’un collègue vous pose la question, essayez : « L’ESS est la "
                    "part de l’économie détenue et dirigée par les personnes qu’elle sert, "
                    "qui réinvestit ses excédents au profit de ses membres et de sa "
                    "collectivité. »</p>",
                ),
                resources(
                    "Pour aller plus loin",
                    link(
                        "L’identité coopérative, ses valeurs et ses principes",
                        "https://ica.coop/en/cooperatives/cooperative-identity",
                        "La déclaration de l’Alliance coopérative internationale sur les "
                        "sept principes coopératifs (en anglais).",
                    ),
                    link(
                        "Groupe de travail inter-agences des Nations Unies sur l’ESS",
                        "https://unsse.org",
                        "Les travaux communs des agences de l’ONU sur l’ESS, avec publications "
                        "et plateforme de connaissances.",
                    ),
                    link(
                        "Organisation internationale du Travail",
                        "https://www.ilo.org",
                        "Cherchez « résolution concernant le travail décent et l’économie "
                        "sociale et solidaire » (Conférence internationale du Travail, 2022).",
                    ),
                ),
                quiz(
                    "Vérifiez vos connaissances",
                    "Quatre questions sur ce qui fait qu’une organisation appartient à l’ESS.",
                    single(
                        "Quelle instance a adopté, en 2022, la première définition "
                        "internationale tripartite de l’ESS ?",
                        right(
                            "La Conférence internationale du Travail de l’OIT",
                            "Exact. Gouvernements, employeurs et travailleurs l’ont adoptée en "
                            "juin 2022 ; l’Assemblée générale des Nations Unies l’a reprise en "
                            "2023.",
                        ),
                        wrong(
                            "Le Conseil de sécurité des Nations Unies",
                            "Le Conseil de sécurité traite de la paix et de la sécurité, non "
                            "des formes d’entreprise.",
                        ),
                        wrong(
                            "La Banque mondiale",
                            "La Banque mondiale n’a pas mandat pour adopter ce type de définition.",
                        ),
                    ),
                    multiple(
                        "Lesquels de ces principes font partie de la définition de 2022 ? "
                        "Cochez toutes les bonnes réponses.",
                        right(
                            "Une gouvernance démocratique et/ou participative",
                            "Oui : membres, salariés ou usagers ont réellement voix au chapitre.",
                        ),
                        right(
                            "La primauté de l’être humain et de la finalité sociale sur le capital",
                            "Oui : ce principe régit l’usage des excédents, des bénéfices et "
                            "des actifs.",
                        ),
                        right(
                            "L’autonomie et l’indépendance",
                            "Oui : les organisations de l’ESS ne sont contrôlées ni par l’État "
                            "ni par des investisseurs privés.",
                        ),
                        wrong(
                            "La maximisation du rendement pour les actionnaires",
                            "Non : c’est la logique d’une société classique, que l’ESS place "
                            "explicitement au second rang.",
                        ),
                    ),
                    single(
                        "Une société est enregistrée comme coopérative, mais un seul "
                        "investisseur contrôle les votes et perçoit les bénéfices. Fait-elle "
                        "partie de l’ESS ?",
                        right(
                            "Pas vraiment : elle ne fonctionne pas selon les principes de l’ESS, "
                            "quel que soit son statut",
                            "Exact. La définition regarde la gouvernance et l’usage de "
                            "l’excédent, pas seulement le statut juridique.",
                        ),
                        wrong(
                            "Oui : toute coopérative fait partie de l’ESS",
                            "Le statut est un indice fort, mais ce sont les principes qui "
                            "comptent.",
                        ),
                    ),
                    single(
                        "Quelle affirmation sur l’ESS est exacte ?",
                        right(
                            "Elle commerce et emploie comme les autres entreprises, mais elle "
                            "est contrôlée par ses membres et réinvestit ses excédents dans "
                            "sa finalité",
                            "Exact : la différence tient à la propriété, à la gouvernance et à "
                            "l’usage de l’excédent.",
                        ),
                        wrong(
                            "C’est un autre nom de la charité",
                            "Des organismes caritatifs peuvent en faire partie, mais la "
                            "plupart des organisations de l’ESS vendent des biens et des "
                            "services.",
                        ),
                        wrong(
                            "Elle remplace les services publics",
                            "L’ESS fournit souvent des services en partenariat avec les "
                            "pouvoirs publics ; elle ne les dégage pas de leur responsabilité.",
                        ),
                    ),
                ),
            ],
        },
        {
            "title": "Un agenda mondial : l’ONU, l’OIT et l’OCDE",
            "slug": "un-agenda-mondial",
            "summary": (
                "Les trois textes internationaux adoptés en 2022 et 2023, ce qu’ils demandent "
                "aux gouvernements et comment une ville peut s’en servir pour appuyer sa "
                "propre politique."
            ),
            "body": [
                heading("Des marges à l’Assemblée générale"),
                text(
                    "<p>Longtemps, l’ESS a surtout été portée par ses propres réseaux, par "
                    "quelques gouvernements nationaux et par une poignée de villes pionnières. "
                    "Entre 2022 et 2023, elle s’est dotée de trois textes de référence "
                    "internationaux. Pour une collectivité locale, c’est important : une "
                    "politique de soutien aux coopératives ou aux entreprises sociales peut "
                    "désormais s’appuyer sur des engagements pris par son gouvernement "
                    "national.</p>"
                ),
                subheading("La résolution de l’OIT concernant le travail décent et l’ESS (2022)"),
                text(
                    "<p>Adoptée par la Conférence internationale du Travail lors de sa 110e "
                    "session, en juin 2022, la résolution donne à l’ESS sa définition "
                    "tripartite et la relie au travail décent : formalisation du travail "
                    "informel, protection sociale, droits au travail et dialogue social. Elle "
                    "charge l’OIT d’appuyer les gouvernements par des conseils, des "
                    "statistiques et le renforcement des capacités, et a été suivie d’une "
                    "stratégie et d’un plan d’action de l’OIT.</p>"
                ),
                subheading(
                    "La Recommandation de l’OCDE sur l’économie sociale et solidaire et "
                    "l’innovation sociale (2022)"
                ),
                text(
                    "<p>Adoptée par le Conseil de l’OCDE en juin 2022, la Recommandation est "
                    "la première norme internationale en la matière. Elle demande aux "
                    "gouvernements de bâtir un écosystème favorable, dans des domaines tels "
                    "que la culture et la connaissance de l’ESS, les cadres institutionnels "
                    "et juridiques, l’accès au financement, l’accès aux marchés publics et "
                    "privés, les compétences et l’accompagnement des entreprises, la mesure "
                    "d’impact et de meilleures données, ainsi que le soutien à l’innovation "
                    "sociale. Elle reconnaît expressément qu’une grande partie de ce travail "
                    "est menée par les collectivités régionales et locales.</p>"
                ),
                subheading(
                    "La résolution A/RES/77/281 de l’Assemblée générale des Nations Unies (2023)"
                ),
                text(
                    "<p>Adoptée le 18 avril 2023 sous le titre « Promouvoir l’économie "
                    "sociale et solidaire au service du développement durable », la "
                    "résolution reconnaît la contribution de l’ESS au Programme 2030 et aux "
                    "objectifs de développement durable. Elle encourage les États membres à "
                    "promouvoir et à mettre en œuvre des stratégies, politiques et programmes "
                    "nationaux, locaux et régionaux en faveur de l’ESS, à en tenir compte "
                    "dans des domaines tels que le financement, la commande publique et les "
                    "statistiques, et demande aux organismes des Nations Unies de les "
                    "appuyer, notamment par l’intermédiaire du Groupe de travail "
                    "inter-agences des Nations Unies sur l’ESS (UNTFSSE).</p>"
                ),
                important(
                    "Les villes ont ouvert la voie",
                    "<p>Ces textes s’appuient sur des décennies de pratiques locales. Le GSEF "
                    "est lui-même né du premier Forum mondial de l’économie sociale, tenu à "
                    "Séoul en 2013, et il a pris part, avec d’autres réseaux de l’ESS, au "
                    "plaidoyer qui a conduit à la résolution des Nations Unies. En la citant, "
                    "vous citez un travail que des collectivités locales ont contribué à "
                    "façonner.</p>",
                ),
                heading("Utiliser ces textes dans votre administration"),
                text(
                    "<ul>"
                    "<li><b>Dans un rapport au conseil ou une stratégie</b> : citez la "
                    "résolution A/RES/77/281 et la Recommandation de l’OCDE pour montrer "
                    "que la politique suit des orientations internationales approuvées par "
                    "votre pays.</li>"
                    "<li><b>Dans vos échanges avec les ministères</b> : la résolution appelle "
                    "à des stratégies locales ; demandez comment le gouvernement national "
                    "compte les soutenir.</li>"
                    "<li><b>Dans un rapport sur les ODD</b> : de nombreuses villes publient "
                    "des examens locaux volontaires des ODD ; la contribution de l’ESS au "
                    "travail décent (ODD 8), à la réduction des inégalités (ODD 10) et aux "
                    "villes durables (ODD 11) y a toute sa place.</li>"
                    "</ul>"
                ),
                tip(
                    "Des engagements politiques, pas des traités",
                    "<p>Aucun de ces textes n’est un traité. Une résolution de l’Assemblée "
                    "générale et une Recommandation de l’OCDE sont des engagements "
                    "politiques : elles ne créent ni obligation juridique ni fonds, mais "
                    "elles pèsent parce que les gouvernements les ont approuvées. Les pays "
                    "qui ne sont pas membres de l’OCDE peuvent aussi adhérer à la "
                    "Recommandation.</p>",
                ),
                resources(
                    "Les textes eux-mêmes",
                    link(
                        "Résolution A/RES/77/281 de l’Assemblée générale des Nations Unies",
                        UN_RESOLUTION,
                        "Promouvoir l’économie sociale et solidaire au service du "
                        "développement durable, 18 avril 2023.",
                    ),
                    link(
                        "Recommandation de l’OCDE sur l’économie sociale et solidaire et "
                        "l’innovation sociale",
                        OECD_RECOMMENDATION,
                        "Le texte, son contexte et la liste des pays adhérents.",
                    ),
                    link(
                        "UNTFSSE",
                        "https://unsse.org",
                        "Le groupe de travail inter-agences des Nations Unies sur l’ESS, qui "
                        "assure le suivi de la résolution.",
                    ),
                    link(
                        "Forum mondial de l’économie sociale (GSEF)",
                        "https://gsef-net.org",
                        "Les membres, les forums et le plaidoyer du GSEF.",
                    ),
                ),
                quiz(
                    "Vérifiez vos connaissances",
                    "Quatre questions sur les textes internationaux.",
                    single(
                        "Quel est le titre de la résolution A/RES/77/281 de l’Assemblée "
                        "générale des Nations Unies ?",
                        right(
                            "Promouvoir l’économie sociale et solidaire au service du "
                            "développement durable",
                            "Exact. Elle a été adoptée le 18 avril 2023.",
                        ),
                        wrong(
                            "Le travail décent et l’économie sociale et solidaire",
                            "C’est la résolution de l’OIT de 2022.",
                        ),
                        wrong(
                            "Le Nouveau Programme pour les villes",
                            "Le Nouveau Programme pour les villes a été adopté à Habitat III "
                            "en 2016 ; c’est un autre texte.",
                        ),
                    ),
                    multiple(
                        "Sur quels domaines la Recommandation de l’OCDE demande-t-elle aux "
                        "gouvernements d’agir ? Cochez toutes les bonnes réponses.",
                        right("L’accès au financement", "Oui, c’est l’un de ses piliers."),
                        right(
                            "L’accès aux marchés publics et privés",
                            "Oui, y compris la commande publique.",
                        ),
                        right(
                            "La mesure d’impact et les données",
                            "Oui : de meilleures données et une meilleure mesure font partie "
                            "de ses recommandations.",
                        ),
                        wrong(
                            "Des exonérations fiscales pour toute organisation de l’ESS",
                            "La Recommandation ne prescrit pas d’exonérations générales ; la "
                            "fiscalité relève de chaque pays.",
                        ),
                    ),
                    single(
                        "Quel organisme des Nations Unies assure le suivi de la résolution et "
                        "coordonne le travail du système des Nations Unies sur l’ESS ?",
                        right(
                            "Le Groupe de travail inter-agences des Nations Unies sur l’ESS "
                            "(UNTFSSE)",
                            "Exact : il réunit des agences de l’ONU et, comme observateurs, des "
                            "réseaux de l’ESS.",
                        ),
                        wrong(
                            "Le Conseil des droits de l’homme",
                            "Le Conseil des droits de l’homme n’a pas ce rôle.",
                        ),
                        wrong(
                            "ONU-Habitat seul",
                            "ONU-Habitat est l’une des agences concernées, pas le coordinateur.",
                        ),
                    ),
                    single(
                        "Comment une ville peut-elle se servir de ces textes ?",
                        right(
                            "Pour ancrer sa politique d’ESS dans des engagements pris par son "
                            "pays et demander l’appui du gouvernement national",
                            "Exact : ce sont des références politiques, pas une source de "
                            "financement en soi.",
                        ),
                        wrong(
                            "Pour réclamer un financement que l’ONU doit à chaque ville",
                            "La résolution ne crée aucun fonds pour les villes.",
                        ),
                        wrong(
                            "Les collectivités locales ne peuvent pas s’en servir",
                            "La Recommandation de l’OCDE comme la résolution des Nations Unies "
                            "mentionnent expressément les stratégies locales et régionales.",
                        ),
                    ),
                ),
            ],
        },
        {
            "title": "Pourquoi les villes ? Les rôles des collectivités locales",
            "slug": "pourquoi-les-villes",
            "summary": (
                "Les six rôles qu’une collectivité locale peut jouer dans l’ESS, avec des "
                "exemples de Séoul, Montréal, Barcelone et Mexico."
            ),
            "body": [
                heading("Près des besoins, près des entreprises"),
                text(
                    "<p>La plupart des organisations de l’ESS sont locales : elles sont "
                    "enracinées dans un quartier, servent ses habitants et y gardent leurs "
                    "excédents. Les collectivités locales connaissent les besoins (soins, "
                    "logement, emploi des jeunes, alimentation, déchets, énergie) et "
                    "détiennent bon nombre des leviers qui aident ou freinent l’ESS. C’est "
                    "pourquoi les politiques d’ESS les plus avancées ont souvent été locales "
                    "plutôt que nationales.</p>"
                ),
                heading("Six rôles"),
                text(
                    "<ol>"
                    "<li><b>Rassembleuse</b> : réunir autour d’une même table les réseaux de "
                    "l’ESS, les entreprises, les universités et les services, et co-construire "
                    "les politiques avec eux.</li>"
                    "<li><b>Acheteuse</b> : ouvrir les marchés publics aux entreprises de "
                    "l’ESS et recourir aux clauses sociales.</li>"
                    "<li><b>Financeuse et investisseuse</b> : des subventions au démarrage, "
                    "mais aussi des prêts, des garanties et des co-investissements avec les "
                    "financeurs de l’ESS.</li>"
                    "<li><b>Propriétaire d’actifs</b> : mettre à disposition locaux, terrains "
                    "et bâtiments, parfois par des baux de longue durée ou une propriété "
                    "collective.</li>"
                    "<li><b>Régulatrice et facilitatrice</b> : urbanisme, autorisations, "
                    "règlements et procédures simplifiées qui ne pénalisent pas les "
                    "entreprises collectives.</li>"
                    "<li><b>Promotrice et éducatrice</b> : information, formation, centres "
                    "d’appui, et enseignement de l’ESS à l’école et en formation "
                    "professionnelle.</li>"
                    "</ol>"
                ),
                case_study(
                    "Un centre d’appui au cœur de l’écosystème",
                    "Séoul",
                    "<p>À partir de 2012, le gouvernement métropolitain de Séoul a fait de "
                    "l’économie sociale un pilier de sa politique économique. En 2013, il a "
                    "ouvert le <b>Centre d’appui à l’économie sociale de Séoul</b>, géré avec "
                    "la société civile, qui offrait conseil, formation, espaces partagés et "
                    "mise en réseau aux entreprises sociales, coopératives, entreprises de "
                    "village et entreprises d’autonomisation. Des centres d’arrondissement "
                    "ont suivi. La ville s’est aussi fixé des objectifs d’achat auprès des "
                    "entreprises de l’économie sociale et a créé un fonds d’investissement "
                    "social.</p>"
                    "<p>L’approche de Séoul a ensuite changé avec une nouvelle équipe "
                    "municipale, ce qui est en soi une leçon : une politique dure plus "
                    "longtemps lorsqu’elle est portée par les réseaux de l’ESS et par la loi, "
                    "et pas seulement par une administration.</p>",
                ),
                case_study(
                    "Concevoir les politiques ensemble",
                    "Montréal",
                    "<p>La politique d’économie sociale de Montréal repose sur un long "
                    "partenariat entre la Ville et le <b>Chantier de l’économie sociale</b>, "
                    "le réseau québécois né après le Sommet sur l’économie et l’emploi de "
                    "1996. En 2009, la Ville et ses partenaires ont signé un partenariat "
                    "pour un développement solidaire et durable, et la Ville a depuis adopté "
                    "des plans d’action en économie sociale préparés avec le secteur. La Loi "
                    "sur l’économie sociale du Québec (2013) désigne le Chantier et le "
                    "Conseil québécois de la coopération et de la mutualité comme "
                    "interlocuteurs privilégiés du gouvernement.</p>",
                ),
                case_study(
                    "Acheter avec des clauses sociales",
                    "Barcelone",
                    "<p>La mairie de Barcelone a adopté en 2016 et 2017 des règles et un "
                    "guide pratique sur la commande publique socialement responsable, si bien "
                    "que les clauses sociales et environnementales sont devenues la norme "
                    "dans les contrats municipaux et que certains marchés sont réservés aux "
                    "entreprises d’insertion et aux centres spéciaux d’emploi. Le cours "
                    "« La commande publique au service des entreprises de l’économie "
                    "sociale » approfondit cet exemple.</p>",
                ),
                case_study(
                    "Une loi qui nomme le secteur",
                    "Mexico",
                    "<p>La <b>Ley de la Economía Social y Solidaria</b> fédérale du Mexique "
                    "(2012) reconnaît les ejidos, les communautés, les coopératives, les "
                    "entreprises de travailleurs et d’autres formes comme le secteur social "
                    "de l’économie, et a créé l’Institut national de l’économie sociale "
                    "(INAES). La ville de Mexico dispose de sa propre loi de promotion des "
                    "coopératives et soutient la création de coopératives par ses "
                    "programmes de développement économique.</p>",
                ),
                tip(
                    "Partir de ce que vous maîtrisez déjà",
                    "<p>Avant de créer de nouveaux programmes, recensez les outils que votre "
                    "ville utilise déjà : ses achats, ses bâtiments, son accompagnement des "
                    "entreprises, ses services d’emploi. Les ouvrir à l’ESS coûte souvent "
                    "peu.</p>",
                ),
                quiz(
                    "Vérifiez vos connaissances",
                    "Quatre questions sur les rôles des collectivités locales.",
                    multiple(
                        "Parmi ces rôles, lesquels une collectivité locale peut-elle jouer "
                        "pour l’ESS ? Cochez toutes les bonnes réponses.",
                        right(
                            "Acheteuse de biens et de services",
                            "Oui, par la commande publique.",
                        ),
                        right(
                            "Propriétaire de locaux et de terrains",
                            "Oui : l’accès à des locaux abordables est souvent décisif.",
                        ),
                        right(
                            "Rassembleuse des réseaux et des partenaires",
                            "Oui : co-construire les politiques est un rôle à part entière.",
                        ),
                        wrong(
                            "Propriétaire et gestionnaire de toutes les entreprises de l’ESS",
                            "Non : l’autonomie et l’indépendance sont des principes de l’ESS ; "
                            "une ville soutient, elle ne contrôle pas.",
                        ),
                    ),
                    single(
                        "Quelle organisation a été la principale partenaire de Montréal dans "
                        "la conception de sa politique d’économie sociale ?",
                        right(
                            "Le Chantier de l’économie sociale",
                            "Exact : le réseau québécois fondé après le Sommet de 1996.",
                        ),
                        wrong(
                            "Le Centre d’appui à l’économie sociale de Séoul",
                            "Ce centre a été créé par le gouvernement métropolitain de Séoul.",
                        ),
                        wrong(
                            "L’INAES",
                            "L’INAES est l’Institut national de l’économie sociale du Mexique.",
                        ),
                    ),
                    single(
                        "Que suggère l’expérience de Séoul pour qu’une politique d’ESS dure ?",
                        right(
                            "Elle dure plus longtemps lorsque la loi et les réseaux de l’ESS la "
                            "portent, et pas seulement une administration",
                            "Exact : ancrer une politique au-delà d’un cycle électoral fait "
                            "partie de sa conception.",
                        ),
                        wrong(
                            "Les centres d’appui ne servent jamais à rien",
                            "Le centre de Séoul a joué un rôle majeur dans la construction de "
                            "l’écosystème.",
                        ),
                        wrong(
                            "Les villes ne devraient pas avoir de politique d’ESS",
                            "La leçon porte sur la manière d’ancrer une politique, non sur "
                            "son opportunité.",
                        ),
                    ),
                    single(
                        "Quelle loi a créé l’Institut national de l’économie sociale du "
                        "Mexique (INAES) ?",
                        right(
                            "La Ley de la Economía Social y Solidaria (2012)",
                            "Exact : elle reconnaît le secteur social de l’économie et a créé "
                            "l’INAES.",
                        ),
                        wrong(
                            "La Loi sur l’économie sociale du Québec",
                            "Cette loi (2013) s’applique au Québec, au Canada.",
                        ),
                        wrong(
                            "La Ley 5/2011 de Economía Social espagnole",
                            "C’est la loi espagnole sur l’économie sociale.",
                        ),
                    ),
                ),
            ],
        },
        {
            "title": "L’ESS dans différents contextes juridiques et nationaux",
            "slug": "lois-et-contextes",
            "summary": (
                "Comment les pays reconnaissent l’ESS dans la loi, des lois-cadres aux lois "
                "sur les coopératives et les entreprises sociales, et ce que cela signifie là "
                "où une grande partie de l’économie est informelle."
            ),
            "body": [
                heading("Les lois-cadres"),
                text(
                    "<p>Plusieurs pays disposent d’une <b>loi-cadre</b> qui définit l’ESS, "
                    "énumère les organisations qui en font partie et fixe les devoirs des "
                    "pouvoirs publics à son égard. Citons la <i>Ley 5/2011 de Economía "
                    "Social</i> espagnole, la <i>Ley de la Economía Social y Solidaria</i> "
                    "mexicaine (2012), la loi-cadre portugaise sur l’économie sociale "
                    "(2013), la <i>Loi sur l’économie sociale</i> du Québec (2013) et la loi "
                    "française relative à l’économie sociale et solidaire du 31 juillet "
                    "2014. L’Équateur, la Colombie, l’Uruguay et plusieurs pays africains "
                    "ont également adopté des lois ou des politiques nationales sur "
                    "l’ESS.</p>"
                ),
                heading("Les lois sur des formes particulières"),
                text(
                    "<p>D’autres pays reconnaissent l’ESS par des lois propres à chaque "
                    "forme d’organisation. La République de Corée, par exemple, dispose "
                    "d’une <i>loi sur la promotion des entreprises sociales</i> (2007) et "
                    "d’une <i>loi-cadre sur les coopératives</i> (2012), qui a beaucoup "
                    "facilité la création de coopératives ; avec les entreprises de village "
                    "et les entreprises d’autonomisation, on parle souvent des quatre types "
                    "d’entreprises de l’économie sociale. La loi italienne sur les "
                    "coopératives sociales (1991) a inspiré des lois semblables dans de "
                    "nombreux pays.</p>"
                ),
                note(
                    "Ce que contient habituellement une loi-cadre",
                    "<ul>"
                    "<li>une définition et des principes de l’ESS ;</li>"
                    "<li>la liste des organisations concernées, et parfois un registre ;</li>"
                    "<li>un organe responsable au sein du gouvernement et une instance de "
                    "concertation avec le secteur ;</li>"
                    "<li>des obligations de promotion de l’ESS, qui visent parfois les "
                    "collectivités locales.</li>"
                    "</ul>",
                ),
                heading("Là où une grande partie de l’économie est informelle"),
                text(
                    "<p>Dans de nombreuses villes d’Afrique, d’Asie et d’Amérique latine, la "
                    "plupart des travailleurs gagnent leur vie dans l’économie informelle. "
                    "Groupes d’épargne et tontines, groupements de producteurs, associations "
                    "de commerçants des marchés et coopératives de récupérateurs de déchets "
                    "sont souvent le premier pas vers une organisation collective. La "
                    "résolution de l’OIT de 2022 reconnaît le rôle de l’ESS dans la "
                    "transition de l’économie informelle vers l’économie formelle, une "
                    "transition qui doit apporter des droits et une protection sociale, et "
                    "pas seulement un enregistrement et des impôts.</p>"
                ),
                case_study(
                    "Travailler avec les groupes d’épargne et les coopératives",
                    "Bamako",
                    "<p>À Bamako, comme dans de nombreuses villes d’Afrique de l’Ouest, une "
                    "grande part de l’ESS est composée de groupements de femmes, de "
                    "coopératives, de mutuelles de santé et d’institutions d’épargne et de "
                    "crédit ancrées dans les quartiers. Une politique municipale y part de "
                    "ces organisations telles qu’elles sont : les reconnaître, leur donner "
                    "accès aux marchés et à des locaux, et les aider à entrer dans le cadre "
                    "juridique régional des coopératives (l’Acte uniforme de l’OHADA "
                    "relatif aux sociétés coopératives) lorsqu’elles le souhaitent.</p>",
                ),
                important(
                    "Une collectivité agit dans le cadre du droit national",
                    "<p>Votre ville ne peut pas créer de statuts juridiques, mais elle peut "
                    "décider comment elle traite ceux qui existent : qui peut bénéficier de "
                    "ses programmes, quelles organisations relèvent de l’ESS dans ses règles "
                    "d’achat, comment elle recense et soutient les groupes informels. "
                    "Consultez votre service juridique tôt.</p>",
                ),
                resources(
                    "Pour aller plus loin",
                    link(
                        "Espagne : Ley 5/2011, de 29 de marzo, de Economía Social",
                        "https://www.boe.es/eli/es/l/2011/03/29/5",
                        "Le texte consolidé au journal officiel espagnol (en espagnol).",
                    ),
                    link(
                        "Instituto Nacional de la Economía Social (Mexique)",
                        "https://www.gob.mx/inaes",
                        "L’institut national mexicain créé par la loi de 2012 (en espagnol).",
                    ),
                    link(
                        "socioeco.org",
                        "https://www.socioeco.org",
                        "Une bibliothèque multilingue des lois et politiques publiques d’ESS, "
                        "tenue par le RIPESS et ses partenaires.",
                    ),
                ),
                quiz(
                    "Vérifiez vos connaissances",
                    "Trois questions sur les lois relatives à l’ESS.",
                    multiple(
                        "Lesquels de ces pays ont une loi-cadre sur l’économie sociale ou sur "
                        "l’économie sociale et solidaire ? Cochez toutes les bonnes réponses.",
                        right("L’Espagne", "Oui : la Ley 5/2011 de Economía Social."),
                        right(
                            "Le Mexique",
                            "Oui : la Ley de la Economía Social y Solidaria de 2012.",
                        ),
                        right("La France", "Oui : la loi du 31 juillet 2014."),
                        wrong(
                            "Aucun : l’ESS ne peut pas être définie dans la loi",
                            "De nombreux pays l’ont définie dans la loi, comme le montrent ces "
                            "exemples.",
                        ),
                    ),
                    single(
                        "Quelle loi coréenne de 2012 a beaucoup facilité la création de "
                        "coopératives ?",
                        right(
                            "La loi-cadre sur les coopératives",
                            "Exact. La loi coréenne sur la promotion des entreprises sociales "
                            "date de 2007.",
                        ),
                        wrong(
                            "La Loi sur l’économie sociale",
                            "C’est le nom de la loi québécoise de 2013.",
                        ),
                        wrong("La Ley de Economía Social", "C’est la loi espagnole de 2011."),
                    ),
                    single(
                        "Votre pays n’a pas de loi sur l’ESS. Que peut encore faire votre ville ?",
                        right(
                            "Décider comment ses programmes, ses achats et ses registres "
                            "traitent les organisations de l’ESS qui existent",
                            "Exact : dans le cadre du droit national, une ville choisit comment "
                            "utiliser ses propres outils.",
                        ),
                        wrong(
                            "Rien tant qu’une loi nationale n’est pas votée",
                            "Beaucoup de villes ont agi bien avant que leur pays ne légifère.",
                        ),
                        wrong(
                            "Créer un nouveau statut juridique pour les coopératives",
                            "Les statuts juridiques relèvent de la loi nationale (ou, dans "
                            "certains pays fédéraux, régionale), pas des villes.",
                        ),
                    ),
                ),
            ],
        },
        {
            "title": "Premiers pas pour votre ville",
            "slug": "premiers-pas-pour-votre-ville",
            "summary": (
                "Cinq étapes que toute collectivité peut franchir dès sa première année, et "
                "une liste de vérification à apporter à votre prochaine réunion d’équipe."
            ),
            "body": [
                heading("Pas besoin d’un gros budget pour commencer"),
                text(
                    "<p>Les villes présentées dans ce cours n’ont pas commencé par une "
                    "stratégie complète. Elles ont d’abord désigné un responsable, appris à "
                    "connaître les organisations de l’ESS déjà présentes sur leur territoire "
                    "et modifié quelques pratiques qui relevaient d’elles. Voici cinq étapes "
                    "qui ont fonctionné dans des contextes très différents.</p>"
                ),
                text(
                    "<ol>"
                    "<li><b>Désignez un référent.</b> Un agent, au développement économique "
                    "ou à l’emploi, chargé de l’ESS et connu du secteur.</li>"
                    "<li><b>Cartographiez l’existant.</b> Avec les réseaux locaux et les "
                    "universités, recensez les coopératives, associations, mutuelles et "
                    "entreprises sociales de votre territoire, y compris les groupes "
                    "informels, et ce qu’elles font.</li>"
                    "<li><b>Écoutez.</b> Organisez une première rencontre avec les réseaux "
                    "de l’ESS. Demandez-leur ce qui les freine : l’accès aux locaux, au "
                    "financement, aux marchés publics, à l’information.</li>"
                    "<li><b>Changez une chose qui dépend de vous.</b> Ouvrez un marché, un "
                    "bâtiment ou un programme d’accompagnement aux entreprises de "
                    "l’ESS.</li>"
                    "<li><b>Reliez-vous.</b> Rejoignez des réseaux nationaux et "
                    "internationaux comme le GSEF pour apprendre de vos pairs et être "
                    "entendus lorsque se décide la politique nationale.</li>"
                    "</ol>"
                ),
                tip(
                    "Des gains rapides qui créent la confiance",
                    "<ul>"
                    "<li>Publiez la liste des marchés à venir pour que les petites entreprises "
                    "de l’ESS puissent se préparer.</li>"
                    "<li>Mettez un bâtiment municipal inutilisé à disposition d’un espace "
                    "partagé de l’ESS.</li>"
                    "<li>Incluez les entreprises de l’ESS dans les prix, salons et missions "
                    "économiques que la ville organise déjà.</li>"
                    "</ul>",
                ),
                important(
                    "Respectez l’autonomie du secteur",
                    "<p>Le soutien ne doit jamais devenir un contrôle. Co-construisez les "
                    "programmes avec les représentants de l’ESS, gardez des règles de "
                    "financement transparentes et évitez de créer des organisations qui "
                    "dépendent entièrement d’un seul contrat municipal.</p>",
                ),
                heading("Et ensuite ?"),
                text(
                    "<p>Les autres cours de GSEF Academy approfondissent chaque étape : "
                    "concevoir une stratégie municipale d’ESS, la commande publique, le "
                    "financement des coopératives, la mesure de l’économie sociale et la "
                    "gouvernance partenariale entre mairies et société civile.</p>"
                ),
                resources(
                    "Des réseaux à rejoindre",
                    link(
                        "Forum mondial de l’économie sociale (GSEF)",
                        "https://gsef-net.org",
                        "Le réseau international des collectivités locales et des réseaux "
                        "de l’ESS.",
                    ),
                    link(
                        "RIPESS",
                        "https://www.ripess.org",
                        "Le Réseau intercontinental de promotion de l’économie sociale solidaire.",
                    ),
                    link(
                        "Plateforme de connaissances de l’UNTFSSE",
                        "https://knowledgehub.unsse.org",
                        "Recherches et notes de politique sur l’ESS et les ODD (en anglais).",
                    ),
                ),
                quiz(
                    "Vérifiez vos connaissances",
                    "Trois questions pour conclure le cours.",
                    single(
                        "Quelle est généralement la meilleure première étape pour une ville "
                        "qui découvre l’ESS ?",
                        right(
                            "Désigner un référent et cartographier les organisations de l’ESS "
                            "déjà présentes",
                            "Exact : on ne peut pas soutenir un secteur que l’on ne connaît pas.",
                        ),
                        wrong(
                            "Créer un grand programme de subventions avant de parler au secteur",
                            "Les programmes conçus sans le secteur passent souvent à côté de "
                            "ses vrais besoins.",
                        ),
                        wrong(
                            "Attendre une stratégie nationale",
                            "Bien des villes ont montré la voie, et la politique nationale a "
                            "suivi.",
                        ),
                    ),
                    multiple(
                        "Parmi ces actions peu coûteuses, lesquelles relèvent de la ville ? "
                        "Cochez toutes les bonnes réponses.",
                        right(
                            "Publier tôt les marchés publics à venir",
                            "Oui : cela laisse aux petites entreprises le temps de se préparer.",
                        ),
                        right(
                            "Mettre à disposition un bâtiment municipal inutilisé",
                            "Oui : les locaux sont un obstacle fréquent.",
                        ),
                        wrong(
                            "Modifier la loi nationale sur les coopératives",
                            "C’est une compétence nationale (ou régionale).",
                        ),
                    ),
                    single(
                        "Pourquoi co-construire les programmes avec les représentants de l’ESS ?",
                        right(
                            "Parce que cela respecte l’autonomie du secteur et produit des "
                            "programmes adaptés à ses besoins",
                            "Exact : autonomie et participation sont des principes de l’ESS, "
                            "et elles rendent les politiques plus efficaces.",
                        ),
                        wrong(
                            "Parce que la loi l’exige toujours",
                            "Certaines lois l’exigent, mais la raison principale est que cela "
                            "fonctionne.",
                        ),
                        wrong(
                            "Pour que la ville puisse contrôler les organisations",
                            "Le but est inverse : soutenir sans contrôler.",
                        ),
                    ),
                ),
            ],
        },
    ],
}
