"""Diseñar una estrategia municipal de ESS: lecciones de Seúl, Montreal y Bilbao (español)."""
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
    "title": "Diseñar una estrategia municipal de ESS: lecciones de Seúl, Montreal y Bilbao",
    "slug": "disenar-una-estrategia-municipal-de-ess",
    "summary": (
        "Cómo tres miembros del GSEF construyeron políticas duraderas de economía social y "
        "solidaria, y un método paso a paso para diseñar una estrategia adaptada a su ciudad."
    ),
    "description": (
        "<p>Seúl, Montreal y Bilbao están entre las ciudades que más han hecho por situar la "
        "economía social y solidaria (ESS) en el centro del desarrollo local, por caminos muy "
        "distintos: un ecosistema construido con rapidez por el gobierno municipal en Seúl, "
        "décadas de construcción conjunta con un sector fuerte en Montreal y una tradición "
        "cooperativa arraigada en el País Vasco, en torno a Bilbao.</p>"
        "<p>Este curso analiza qué hizo cada una, qué funcionó, qué no y qué puede "
        "trasladarse a otros contextos. Termina con un método para redactar su propia "
        "estrategia.</p>"
        "<h2>Qué aprenderá</h2>"
        "<ul>"
        "<li>Los componentes de una estrategia municipal de ESS.</li>"
        "<li>Cómo construyó Seúl un ecosistema de apoyo y por qué importa la continuidad.</li>"
        "<li>Cómo Montreal construye sus políticas junto con el Chantier de l’économie "
        "sociale.</li>"
        "<li>Qué enseña la experiencia cooperativa vasca, de Mondragón a Bilbao, sobre las "
        "instituciones de largo plazo.</li>"
        "</ul>"
        "<h2>Antes de empezar</h2>"
        "<p>Se recomienda el curso «Introducción a la economía social y solidaria para "
        "gobiernos locales» o una experiencia equivalente.</p>"
    ),
    "signatories": [
        ("Secretaría del GSEF", "Secretario General, Foro Global de Economía Social"),
        ("GSEF Academy", "Responsable de Formación, GSEF Academy"),
    ],
    "modules": [
        {
            "title": "Qué es una estrategia municipal de ESS",
            "slug": "que-es-una-estrategia-municipal",
            "summary": (
                "Los seis componentes de una estrategia y la diferencia entre una estrategia y "
                "una lista de proyectos."
            ),
            "body": [
                heading("Más que una lista de proyectos"),
                text(
                    "<p>Muchas ciudades apoyan la ESS mediante proyectos aislados: una "
                    "subvención aquí, una incubadora allá, una feria una vez al año. Una "
                    "<b>estrategia</b> los vincula a un objetivo común, asigna "
                    "responsabilidades y presupuesto, y se revisa con el tiempo. También le "
                    "dice al sector con qué puede contar más allá del próximo ejercicio "
                    "presupuestario.</p>"
                ),
                heading("Seis componentes"),
                text(
                    "<ol>"
                    "<li><b>Un diagnóstico</b>: quiénes son los actores de la ESS del "
                    "territorio, qué hacen, qué necesidades de la población atienden y qué "
                    "los frena.</li>"
                    "<li><b>Una visión compartida</b>: a qué quiere la ciudad que contribuya "
                    "la ESS, por ejemplo los cuidados, la vivienda, el empleo de calidad, la "
                    "transición ecológica o la revitalización de los barrios.</li>"
                    "<li><b>Instrumentos</b>: servicios de apoyo, financiación, acceso a la "
                    "contratación pública, locales, formación y sensibilización.</li>"
                    "<li><b>Gobernanza</b>: cómo participa el sector en el diseño y la "
                    "conducción de la estrategia, y qué área la lidera dentro de la "
                    "administración.</li>"
                    "<li><b>Recursos y anclaje</b>: una partida presupuestaria, personal y, "
                    "si es posible, una ordenanza o un acuerdo del pleno que sobreviva al "
                    "mandato en curso.</li>"
                    "<li><b>Evaluación</b>: unos pocos indicadores acordados con el sector y "
                    "una fecha de revisión.</li>"
                    "</ol>"
                ),
                note(
                    "Las estrategias se construyen con el sector, no para él",
                    "<p>En las tres ciudades de este curso, las redes de la ESS participaron "
                    "desde el diagnóstico. La Recomendación de la OCDE sobre la economía "
                    "social y solidaria y la innovación social (2022) también insiste en la "
                    "construcción conjunta con los actores de la ESS.</p>",
                ),
                tip(
                    "Ajuste la estrategia a sus competencias",
                    "<p>Un gobierno metropolitano, un distrito y un municipio pequeño tienen "
                    "competencias y presupuestos distintos. Enumere lo que controla su nivel "
                    "de gobierno (compras, suelo, apoyo empresarial, servicios sociales) "
                    "antes de elegir los instrumentos.</p>",
                ),
                quiz(
                    "Compruebe lo que ha aprendido",
                    "Tres preguntas sobre los componentes de una estrategia.",
                    single(
                        "¿Qué distingue sobre todo a una estrategia de un conjunto de proyectos?",
                        right(
                            "Vincula las acciones a un objetivo común, con responsabilidades, "
                            "presupuesto y revisión a lo largo del tiempo",
                            "Correcto: la coherencia y la continuidad son lo que aporta una "
                            "estrategia.",
                        ),
                        wrong(
                            "Tiene más proyectos",
                            "El número de proyectos no es lo que importa.",
                        ),
                        wrong(
                            "La redactan consultores",
                            "Quién la redacta importa menos que la participación del sector "
                            "en su elaboración.",
                        ),
                    ),
                    multiple(
                        "¿Cuáles de estos son componentes de una estrategia municipal de ESS? "
                        "Marque todas las respuestas correctas.",
                        right("Un diagnóstico de la ESS local", "Sí: es el punto de partida."),
                        right(
                            "Una gobernanza compartida con el sector",
                            "Sí: el sector participa en la conducción de la estrategia.",
                        ),
                        right(
                            "Indicadores y una fecha de revisión",
                            "Sí: la evaluación permite mejorar la estrategia.",
                        ),
                        wrong(
                            "El compromiso de que la ciudad será propietaria de empresas de la ESS",
                            "No: la ciudad apoya a un sector autónomo.",
                        ),
                    ),
                    single(
                        "¿Por qué anclar una estrategia en una ordenanza o un acuerdo del pleno?",
                        right(
                            "Para que pueda sobrevivir a un cambio de gobierno municipal",
                            "Correcto: la continuidad da al sector la confianza necesaria "
                            "para invertir.",
                        ),
                        wrong(
                            "Porque sin ello una estrategia es ilegal",
                            "No es un requisito legal, sino una garantía.",
                        ),
                        wrong(
                            "Para no tener que consultar al sector",
                            "El anclaje y la participación van juntos.",
                        ),
                    ),
                ),
            ],
        },
        {
            "title": "Seúl: construir un ecosistema",
            "slug": "seul-construir-un-ecosistema",
            "summary": (
                "Cómo el Gobierno Metropolitano de Seúl creó centros de apoyo, financiación y "
                "compra pública para la economía social, y qué ocurrió cuando cambiaron las "
                "prioridades."
            ),
            "body": [
                heading("Un marco nacional, un impulso municipal"),
                text(
                    "<p>La Ley de Promoción de las Empresas Sociales (2007) y la Ley Marco de "
                    "Cooperativas (2012) dieron a Corea una base jurídica para la economía "
                    "social. A partir de 2012, el Gobierno Metropolitano de Seúl hizo de la "
                    "economía social una de sus principales políticas económicas, en "
                    "colaboración con una red de organizaciones de la economía social "
                    "surgida de la sociedad civil.</p>"
                ),
                case_study(
                    "El Centro de Apoyo a la Economía Social de Seúl",
                    "Seúl",
                    "<p>Abierto en 2013 y gestionado por la sociedad civil mediante un "
                    "convenio con la ciudad, el centro ofrecía asesoramiento para la "
                    "creación de empresas, formación, espacios de trabajo compartidos, "
                    "trabajo en red e investigación. Después llegaron los <b>centros de "
                    "distrito</b>, para que el apoyo estuviera cerca de las empresas y de "
                    "los vecinos. La ciudad también promovió la <b>compra pública</b> de "
                    "productos de la economía social, creó un <b>fondo de inversión "
                    "social</b> y apoyó proyectos de economía social de barrio.</p>",
                ),
                heading("Seúl y el nacimiento del GSEF"),
                text(
                    "<p>En 2013 Seúl acogió el primer Foro Global de Economía Social y, al "
                    "año siguiente, se fundó el GSEF como asociación internacional con su "
                    "secretaría en Seúl. La experiencia de la ciudad se difundió: varias "
                    "ciudades y distritos coreanos, como Gwangju, desarrollaron sus propias "
                    "políticas de economía social.</p>"
                ),
                important(
                    "Cuando cambian las prioridades",
                    "<p>Tras un cambio al frente de la ciudad en 2021, Seúl revisó a fondo su "
                    "apoyo a las organizaciones intermediarias de la economía social, y "
                    "varios programas se redujeron o terminaron. Para otras ciudades, la "
                    "lección no es evitar los centros de apoyo, sino diseñarlos de modo que "
                    "las organizaciones del propio sector, las leyes y unas fuentes de "
                    "ingresos diversas sostengan el ecosistema aunque cambien las "
                    "prioridades municipales.</p>",
                ),
                tip(
                    "Qué tomar de Seúl",
                    "<ul>"
                    "<li>Una puerta de entrada visible para todo tipo de empresas de la "
                    "ESS.</li>"
                    "<li>Apoyo cerca de los barrios, no solo en el centro.</li>"
                    "<li>La compra pública como mercado, no solo las subvenciones.</li>"
                    "</ul>",
                ),
                resources(
                    "Para saber más",
                    link(
                        "Foro Global de Economía Social (GSEF)",
                        "https://gsef-net.org",
                        "La historia, los miembros y los recursos del GSEF.",
                    ),
                    link(
                        "Agencia Coreana de Promoción de las Empresas Sociales",
                        "https://www.socialenterprise.or.kr",
                        "La agencia nacional de empresas sociales de Corea (en coreano).",
                    ),
                ),
                quiz(
                    "Compruebe lo que ha aprendido",
                    "Tres preguntas sobre la experiencia de Seúl.",
                    single(
                        "¿Qué ley coreana de 2012 facilitó la creación de cooperativas?",
                        right(
                            "La Ley Marco de Cooperativas",
                            "Correcto. La Ley de Promoción de las Empresas Sociales es de 2007.",
                        ),
                        wrong(
                            "La Carta de la Economía Social de Seúl",
                            "No existe ninguna ley con ese nombre.",
                        ),
                        wrong("La Ley de Economía Social", "Esa es la ley de Quebec de 2013."),
                    ),
                    multiple(
                        "¿Qué instrumentos utilizó Seúl? Marque todas las respuestas correctas.",
                        right("Un centro de apoyo para toda la ciudad", "Sí, abierto en 2013."),
                        right(
                            "Centros de apoyo de distrito",
                            "Sí, para acercar el apoyo a los vecinos.",
                        ),
                        right(
                            "La compra pública de productos de la economía social",
                            "Sí: la ciudad la promovió como mercado para el sector.",
                        ),
                        wrong(
                            "La prohibición de empresas convencionales en algunos distritos",
                            "No existió ninguna medida así.",
                        ),
                    ),
                    single(
                        "¿Cuál es la principal lección de los cambios posteriores a 2021?",
                        right(
                            "Diseñar el apoyo para que las organizaciones del sector y las "
                            "leyes puedan sostener el ecosistema cuando cambian las "
                            "prioridades municipales",
                            "Correcto: la resiliencia debe formar parte del diseño.",
                        ),
                        wrong(
                            "Nunca deben crearse centros de apoyo",
                            "Desempeñaron un papel clave; la lección trata de la resiliencia.",
                        ),
                        wrong(
                            "Las ciudades nunca deberían cambiar de política",
                            "Las políticas cambian democráticamente; la cuestión es qué perdura.",
                        ),
                    ),
                ),
            ],
        },
        {
            "title": "Montreal: la construcción conjunta con el Chantier de l’économie sociale",
            "slug": "montreal-la-construccion-conjunta",
            "summary": (
                "Cómo una ciudad y un sector fuerte y organizado diseñan juntos las políticas "
                "desde hace más de veinticinco años, y las herramientas financieras que "
                "surgieron de ello."
            ),
            "body": [
                heading("De una cumbre a una alianza duradera"),
                text(
                    "<p>El <b>Chantier de l’économie sociale</b> nació como grupo de trabajo "
                    "de la Cumbre sobre la Economía y el Empleo de Quebec de 1996 y se "
                    "convirtió en una red independiente en 1999. Reúne a empresas, redes "
                    "sectoriales, organismos de desarrollo local y movimientos sociales. La "
                    "<i>Ley de Economía Social</i> de Quebec (2013) lo designa, junto con el "
                    "Conseil québécois de la coopération et de la mutualité, como "
                    "interlocutor privilegiado del gobierno.</p>"
                ),
                case_study(
                    "Una alianza firmada por la Ciudad",
                    "Montreal",
                    "<p>En 2009, la Ciudad de Montreal y sus socios, entre ellos el Chantier, "
                    "firmaron una alianza para un desarrollo solidario y sostenible. Desde "
                    "entonces, la Ciudad ha adoptado planes de acción de economía social "
                    "elaborados con el sector, ha apoyado a las empresas de economía social "
                    "a través de su red de apoyo empresarial y ha trabajado para abrirles "
                    "las compras municipales. Montreal acogió el foro del GSEF en 2016.</p>",
                ),
                heading("Herramientas financieras creadas por el sector"),
                text(
                    "<p>La ESS de Quebec creó su propia financiación: el <b>Réseau "
                    "d’investissement social du Québec (RISQ)</b>, creado en 1997, y la "
                    "<b>Fiducie du Chantier de l’économie sociale</b>, creada en 2007 para "
                    "aportar capital paciente, junto con la Caisse d’économie solidaire "
                    "Desjardins y los fondos de los trabajadores. Las administraciones "
                    "públicas aportaron capital, pero las herramientas las gestiona el "
                    "sector y para el sector.</p>"
                ),
                note(
                    "Construir en común no es consultar",
                    "<p>La consulta pide la opinión del sector sobre una política ya "
                    "redactada. La construcción conjunta implica al sector en la definición "
                    "del problema, de los instrumentos y de la evaluación. Lleva más tiempo "
                    "y requiere un sector lo bastante organizado para hablar con una sola "
                    "voz.</p>",
                ),
                resources(
                    "Para saber más",
                    link(
                        "Chantier de l’économie sociale",
                        "https://chantier.qc.ca",
                        "La historia, los miembros y las publicaciones del Chantier (en francés).",
                    ),
                    link(
                        "TIESS",
                        "https://tiess.ca",
                        "La organización de enlace y transferencia en innovación social y "
                        "economía social de Quebec (en francés).",
                    ),
                ),
                quiz(
                    "Compruebe lo que ha aprendido",
                    "Tres preguntas sobre la experiencia de Montreal.",
                    single(
                        "¿De dónde surgió el Chantier de l’économie sociale?",
                        right(
                            "De un grupo de trabajo de la Cumbre sobre la Economía y el Empleo "
                            "de Quebec de 1996",
                            "Correcto. Se convirtió en una red independiente en 1999.",
                        ),
                        wrong(
                            "De un área de la Ciudad de Montreal",
                            "El Chantier es independiente de los poderes públicos.",
                        ),
                        wrong(
                            "Del primer foro del GSEF",
                            "El primer foro del GSEF se celebró en Seúl en 2013.",
                        ),
                    ),
                    single(
                        "¿Qué distingue la construcción conjunta de la consulta?",
                        right(
                            "El sector ayuda a definir el problema, los instrumentos y la "
                            "evaluación, y no solo opina sobre una política ya redactada",
                            "Correcto.",
                        ),
                        wrong(
                            "La construcción conjunta es más rápida",
                            "Suele llevar más tiempo.",
                        ),
                        wrong(
                            "No hay ninguna diferencia",
                            "El grado de implicación es muy distinto.",
                        ),
                    ),
                    multiple(
                        "¿Cuáles de estas son herramientas financieras de la economía social "
                        "de Quebec? Marque todas las respuestas correctas.",
                        right("El RISQ", "Sí, creado en 1997."),
                        right(
                            "La Fiducie du Chantier de l’économie sociale",
                            "Sí, creada en 2007.",
                        ),
                        wrong(
                            "El fondo de inversión social de Seúl",
                            "Ese fondo lo creó el Gobierno Metropolitano de Seúl.",
                        ),
                    ),
                ),
            ],
        },
        {
            "title": "Bilbao y la tradición cooperativa vasca, y su propia estrategia",
            "slug": "bilbao-y-la-tradicion-cooperativa-vasca",
            "summary": (
                "Qué enseña el movimiento cooperativo vasco, de Mondragón a Bilbao, sobre las "
                "instituciones de largo plazo, y un método para redactar su propia "
                "estrategia."
            ),
            "body": [
                heading("Una tradición cooperativa"),
                text(
                    "<p>El País Vasco es conocido en todo el mundo por la experiencia "
                    "cooperativa de <b>Mondragón</b>, que comenzó en 1956 con una pequeña "
                    "cooperativa de trabajo en Arrasate-Mondragón y se convirtió en un grupo "
                    "de cooperativas industriales, de distribución, financieras, educativas "
                    "y de investigación. Creó sus propias instituciones: un banco "
                    "cooperativo (Caja Laboral, hoy Laboral Kutxa), una mutua de previsión "
                    "social, escuelas técnicas y una universidad.</p>"
                ),
                case_study(
                    "La intercooperación en la práctica",
                    "País Vasco",
                    "<p>Las cooperativas de Mondragón ponen en común parte de sus resultados "
                    "en fondos para la inversión, la educación y la promoción de nuevas "
                    "cooperativas, y reubican a socios trabajadores entre cooperativas "
                    "cuando una de ellas debe reducir empleo. Cuando Fagor "
                    "Electrodomésticos, una de las cooperativas más antiguas del grupo, "
                    "quebró en 2013, muchos de sus socios fueron reubicados en otras "
                    "cooperativas: una dura prueba que mostró a la vez los límites y la "
                    "fuerza de la intercooperación.</p>",
                ),
                case_study(
                    "Una ciudad en una región cooperativa",
                    "Bilbao",
                    "<p>Bilbao trabaja dentro de un denso ecosistema regional: la legislación "
                    "cooperativa y el apoyo del Gobierno Vasco, la Diputación Foral de "
                    "Bizkaia, las federaciones de cooperativas y las universidades. El "
                    "Ayuntamiento apoya el emprendimiento, incluidas las empresas de la "
                    "economía social, a través de su agencia de desarrollo económico, y "
                    "acogió el foro del GSEF en 2018.</p>",
                ),
                heading("Redactar su propia estrategia"),
                text(
                    "<ol>"
                    "<li>Cree desde el inicio un pequeño grupo de dirección con las redes de "
                    "la ESS.</li>"
                    "<li>Haga el diagnóstico en común: identifique a los actores y los "
                    "obstáculos a los que se enfrentan.</li>"
                    "<li>Elija tres o cuatro prioridades en las que la ESS pueda responder a "
                    "una necesidad clara de la ciudad.</li>"
                    "<li>Escoja instrumentos que controle y pueda financiar durante varios "
                    "años.</li>"
                    "<li>Ancle la estrategia: acuerdo del pleno, partida presupuestaria, "
                    "área responsable designada.</li>"
                    "<li>Acuerde unos pocos indicadores y una fecha pública de "
                    "revisión.</li>"
                    "</ol>"
                ),
                important(
                    "Los modelos no viajan; las lecciones, sí",
                    "<p>La rapidez de Seúl, la construcción conjunta de Montreal y las "
                    "instituciones vascas nacieron de historias particulares. Bamako, la "
                    "Ciudad de México o su propia ciudad encontrarán su camino: lo que se "
                    "traslada es el método (partir de los actores, construir instituciones "
                    "duraderas, compartir el poder con el sector).</p>",
                ),
                resources(
                    "Para saber más",
                    link(
                        "MONDRAGON Corporation",
                        "https://www.mondragon-corporation.com",
                        "La historia, los principios cooperativos y la estructura del grupo.",
                    ),
                    link(
                        "Recomendación de la OCDE sobre la ESS y la innovación social",
                        "https://legalinstruments.oecd.org/en/instruments/OECD-LEGAL-0472",
                        "Una lista de ámbitos de actuación para un ecosistema de la ESS.",
                    ),
                ),
                quiz(
                    "Compruebe lo que ha aprendido",
                    "Tres preguntas para cerrar el curso.",
                    single(
                        "¿Qué es la intercooperación en la experiencia de Mondragón?",
                        right(
                            "Cooperativas que ponen fondos en común y reubican a socios "
                            "trabajadores entre ellas",
                            "Correcto: solidaridad entre empresas, no solo dentro de cada una.",
                        ),
                        wrong(
                            "Cooperativas que se fusionan en una sola sociedad",
                            "Las cooperativas siguen siendo empresas distintas.",
                        ),
                        wrong(
                            "La propiedad pública de las cooperativas",
                            "Las cooperativas pertenecen a sus socios.",
                        ),
                    ),
                    single(
                        "¿Qué muestra la quiebra de Fagor Electrodomésticos en 2013?",
                        right(
                            "A la vez los límites y la fuerza de la intercooperación: la "
                            "empresa fracasó, pero muchos socios fueron reubicados",
                            "Correcto: una lectura equilibrada de un caso difícil.",
                        ),
                        wrong(
                            "Que las cooperativas no pueden quebrar",
                            "Las cooperativas pueden fracasar, como cualquier empresa.",
                        ),
                        wrong(
                            "Que el grupo Mondragón ya no existe",
                            "El grupo sigue en funcionamiento.",
                        ),
                    ),
                    multiple(
                        "¿Qué pasos forman parte de la redacción de una estrategia? Marque "
                        "todas las respuestas correctas.",
                        right(
                            "Un grupo de dirección con las redes de la ESS desde el inicio",
                            "Sí: la construcción conjunta empieza con el diagnóstico.",
                        ),
                        right(
                            "Una partida presupuestaria y un área responsable designada",
                            "Sí: el anclaje la hace duradera.",
                        ),
                        wrong(
                            "Copiar palabra por palabra la estrategia de otra ciudad",
                            "Las lecciones viajan; los modelos, rara vez.",
                        ),
                    ),
                ),
            ],
        },
    ],
}
