"""Introducción a la economía social y solidaria para gobiernos locales (español)."""
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
    "title": "Introducción a la economía social y solidaria para gobiernos locales",
    "slug": "introduccion-a-la-economia-social-y-solidaria",
    "summary": (
        "Qué es la economía social y solidaria, por qué las Naciones Unidas, la OIT y la OCDE "
        "piden ahora a los gobiernos que la apoyen y qué puede hacer una ciudad en su primer "
        "año."
    ),
    "description": (
        "<p>Cooperativas, mutualidades, asociaciones, fundaciones y empresas sociales "
        "proporcionan empleo, cuidados, vivienda, alimentación y servicios financieros en "
        "todas las regiones del mundo. Juntas forman la <b>economía social y solidaria "
        "(ESS)</b>: empresas y organizaciones que anteponen las personas y el planeta a la "
        "rentabilidad del capital y que se gobiernan de forma democrática o con la "
        "participación de quienes reciben sus servicios.</p>"
        "<p>Desde 2022, tres textos internacionales piden a los gobiernos, también a los "
        "locales, que reconozcan y apoyen la ESS: la resolución de la Conferencia "
        "Internacional del Trabajo relativa al trabajo decente y la ESS, la Recomendación de "
        "la OCDE sobre la economía social y solidaria y la innovación social, y la resolución "
        "A/RES/77/281 de la Asamblea General de las Naciones Unidas.</p>"
        "<h2>Qué aprenderá</h2>"
        "<ul>"
        "<li>A explicar qué es la ESS, y qué no es, a sus colegas y a los cargos electos.</li>"
        "<li>Qué dicen los textos de las Naciones Unidas, la OIT y la OCDE y cómo respaldan "
        "la acción local.</li>"
        "<li>Los papeles que puede desempeñar un gobierno local: convocante, comprador, "
        "financiador, regulador, propietario de suelo y edificios, y promotor.</li>"
        "<li>En qué se diferencian las leyes sobre la ESS de un país a otro.</li>"
        "<li>Cinco primeros pasos al alcance del presupuesto de cualquier ciudad.</li>"
        "</ul>"
        "<h2>A quién se dirige</h2>"
        "<p>A funcionarios y cargos electos de gobiernos locales y regionales que se inician "
        "en la ESS, y al personal de las redes de la ESS que trabaja con ellos. No se "
        "requieren conocimientos previos.</p>"
    ),
    "signatories": [("Secretaría del GSEF", "Secretario General, Foro Global de Economía Social")],
    "modules": [
        {
            "title": "¿Qué es la economía social y solidaria?",
            "slug": "que-es-la-ess",
            "summary": (
                "Las organizaciones que forman la ESS, los principios que comparten y la "
                "definición que los gobiernos acordaron en la Conferencia Internacional del "
                "Trabajo en 2022."
            ),
            "body": [
                heading("Una economía con propósito"),
                text(
                    "<p>Una cooperativa de vivienda en Montreal, una cooperativa de mujeres "
                    "productoras de manteca de karité en Malí, una mutualidad de salud en "
                    "Bélgica, una empresa social de inserción laboral en Seúl y un comedor "
                    "comunitario en la Ciudad de México hacen cosas muy distintas. Lo que "
                    "comparten es una forma de emprender: existen para atender una necesidad "
                    "de sus miembros o de la comunidad, no para maximizar el rendimiento de "
                    "los inversores, y las personas implicadas tienen una voz real en su "
                    "gestión.</p>"
                    "<p>Esta familia de organizaciones se llama <b>economía social y "
                    "solidaria</b>. Las palabras cambian según el país (<i>economía "
                    "social</i> en Quebec, España y gran parte de Europa, <i>economía "
                    "solidaria</i> en América Latina, <i>economía social</i> (사회적경제) en "
                    "Corea), pero los textos internacionales usan ya «economía social y "
                    "solidaria», o ESS, para abarcarlas todas.</p>"
                ),
                heading("La definición acordada internacionalmente"),
                text(
                    "<p>En junio de 2022, la Conferencia Internacional del Trabajo, donde se "
                    "reúnen los gobiernos, los empleadores y los trabajadores de los Estados "
                    "miembros de la OIT, adoptó la primera definición tripartita de la ESS. "
                    "La Asamblea General de las Naciones Unidas la retomó en la resolución "
                    "A/RES/77/281 en abril de 2023. En esencia, la ESS:</p>"
                    "<ul>"
                    "<li>abarca las empresas, organizaciones y otras entidades que realizan "
                    "actividades económicas, sociales y medioambientales al servicio del "
                    "interés colectivo y/o general;</li>"
                    "<li>se basa en los principios de cooperación voluntaria y ayuda mutua, "
                    "gobernanza democrática y/o participativa, autonomía e independencia, y "
                    "primacía de las personas y del fin social sobre el capital en la "
                    "distribución y el uso de los excedentes, los beneficios y los "
                    "activos;</li>"
                    "<li>según las circunstancias nacionales, incluye cooperativas, "
                    "asociaciones, mutualidades, fundaciones, empresas sociales, grupos de "
                    "autoayuda y otras entidades que actúan conforme a estos valores y "
                    "principios.</li>"
                    "</ul>"
                ),
                note(
                    "Principios, no formas jurídicas",
                    "<p>La definición parte de <b>cómo</b> funciona una organización, no de "
                    "su forma jurídica. Una cooperativa gestionada como una sociedad "
                    "convencional tiene poco de actor de la ESS; una pequeña sociedad cuyos "
                    "estatutos blindan sus activos y dan voto a las personas trabajadoras "
                    "bien puede serlo. La mayoría de los países combinan ambos enfoques: "
                    "algunas formas jurídicas pertenecen a la ESS por definición y otras "
                    "entran cuando cumplen criterios establecidos.</p>",
                ),
                heading("Las grandes familias"),
                text(
                    "<ul>"
                    "<li><b>Cooperativas</b>: empresas de propiedad de sus miembros "
                    "(trabajadores, productores, consumidores, usuarios o varios de ellos), "
                    "que las controlan democráticamente según los siete principios de la "
                    "Alianza Cooperativa Internacional.</li>"
                    "<li><b>Mutualidades</b>: sistemas de seguros, salud o ahorro que "
                    "pertenecen a sus miembros, quienes comparten riesgos en lugar de pagar "
                    "beneficios a accionistas.</li>"
                    "<li><b>Asociaciones y fundaciones</b>: organizaciones sin ánimo de "
                    "lucro que gestionan servicios, actividades comerciales o incidencia "
                    "con un fin social.</li>"
                    "<li><b>Empresas sociales</b>: empresas cuyo objetivo principal es "
                    "social y que reinvierten la mayor parte de sus beneficios en él. "
                    "Muchos países, entre ellos Corea, Italia y México, las reconocen en la "
                    "ley.</li>"
                    "<li><b>Grupos comunitarios y de autoayuda</b>: grupos de ahorro, "
                    "tontinas, empresas de aldea o de barrio, a menudo informales, que son "
                    "la parte más grande de la ESS en muchas ciudades de África y Asia.</li>"
                    "</ul>"
                ),
                heading("Lo que la ESS no es"),
                text(
                    "<p>La ESS no es caridad ni responsabilidad social corporativa. No es un "
                    "sector solo para personas pobres ni un sustituto de los servicios "
                    "públicos. Comercia, emplea y compite en los mercados; lo que cambia es "
                    "quién controla la empresa y adónde va el excedente.</p>"
                ),
                tip(
                    "Explicarla en una frase",
                    "<p>Cuando un colega le pregunte, pruebe con: «La ESS es la parte de la "
                    "economía que pertenece a las personas a las que sirve y que ellas "
                    "dirigen, y que reinvierte su excedente en sus miembros y en su "
                    "comunidad».</p>",
                ),
                resources(
                    "Para saber más",
                    link(
                        "La identidad cooperativa, sus valores y principios",
                        "https://ica.coop/en/cooperatives/cooperative-identity",
                        "La declaración de la Alianza Cooperativa Internacional sobre los siete "
                        "principios cooperativos (en inglés).",
                    ),
                    link(
                        "Grupo de Trabajo Interinstitucional de las Naciones Unidas sobre la ESS",
                        "https://unsse.org",
                        "El trabajo conjunto de los organismos de la ONU sobre la ESS, con "
                        "publicaciones y un centro de conocimiento.",
                    ),
                    link(
                        "Organización Internacional del Trabajo",
                        "https://www.ilo.org",
                        "Busque «resolución relativa al trabajo decente y la economía social y "
                        "solidaria» (Conferencia Internacional del Trabajo, 2022).",
                    ),
                ),
                quiz(
                    "Compruebe lo que ha aprendido",
                    "Cuatro preguntas sobre lo que hace que una organización forme parte de la "
                    "ESS.",
                    single(
                        "¿Qué órgano adoptó en 2022 la primera definición internacional "
                        "tripartita de la ESS?",
                        right(
                            "La Conferencia Internacional del Trabajo de la OIT",
                            "Correcto. Gobiernos, empleadores y trabajadores la adoptaron en "
                            "junio de 2022; la Asamblea General de las Naciones Unidas la "
                            "retomó en 2023.",
                        ),
                        wrong(
                            "El Consejo de Seguridad de las Naciones Unidas",
                            "El Consejo de Seguridad se ocupa de la paz y la seguridad, no de "
                            "las formas de empresa.",
                        ),
                        wrong(
                            "El Banco Mundial",
                            "El Banco Mundial no tiene mandato para adoptar definiciones de "
                            "este tipo.",
                        ),
                    ),
                    multiple(
                        "¿Cuáles de estos principios forman parte de la definición de 2022? "
                        "Marque todas las respuestas correctas.",
                        right(
                            "Gobernanza democrática y/o participativa",
                            "Sí: miembros, trabajadores o usuarios tienen una voz real.",
                        ),
                        right(
                            "Primacía de las personas y del fin social sobre el capital",
                            "Sí: rige cómo se usan los excedentes, los beneficios y los activos.",
                        ),
                        right(
                            "Autonomía e independencia",
                            "Sí: las organizaciones de la ESS no están controladas por el "
                            "Estado ni por inversores privados.",
                        ),
                        wrong(
                            "Maximizar el rendimiento para los accionistas",
                            "No: esa es la lógica de una sociedad convencional, que la ESS "
                            "pone explícitamente en segundo lugar.",
                        ),
                    ),
                    single(
                        "Una sociedad está registrada como cooperativa, pero un solo inversor "
                        "controla los votos y se queda con los beneficios. ¿Forma parte de la "
                        "ESS?",
                        right(
                            "En realidad no: no funciona según los principios de la ESS, sea "
                            "cual sea su forma",
                            "Correcto. La definición examina la gobernanza y el destino del "
                            "excedente, no solo la forma jurídica.",
                        ),
                        wrong(
                            "Sí: toda cooperativa forma parte de la ESS",
                            "La forma jurídica es un indicio fuerte, pero lo que cuenta son "
                            "los principios.",
                        ),
                    ),
                    single(
                        "¿Qué afirmación sobre la ESS es exacta?",
                        right(
                            "Comercia y emplea como otras empresas, pero la controlan sus "
                            "miembros y reinvierte su excedente en su fin",
                            "Correcto: la diferencia está en la propiedad, la gobernanza y el "
                            "uso del excedente.",
                        ),
                        wrong(
                            "Es otro nombre de la caridad",
                            "Las entidades benéficas pueden formar parte de ella, pero la "
                            "mayoría de las organizaciones de la ESS venden bienes y "
                            "servicios.",
                        ),
                        wrong(
                            "Sustituye a los servicios públicos",
                            "La ESS presta a menudo servicios en colaboración con las "
                            "autoridades públicas; no las exime de su responsabilidad.",
                        ),
                    ),
                ),
            ],
        },
        {
            "title": "Una agenda mundial: las Naciones Unidas, la OIT y la OCDE",
            "slug": "una-agenda-mundial",
            "summary": (
                "Los tres textos internacionales adoptados en 2022 y 2023, qué piden a los "
                "gobiernos y cómo puede utilizarlos una ciudad para respaldar su propia "
                "política."
            ),
            "body": [
                heading("De los márgenes a la Asamblea General"),
                text(
                    "<p>Durante mucho tiempo, la ESS fue impulsada sobre todo por sus propias "
                    "redes, por algunos gobiernos nacionales y por un puñado de ciudades "
                    "pioneras. Entre 2022 y 2023 obtuvo tres textos internacionales de "
                    "referencia. Para un gobierno local esto importa: una política de apoyo "
                    "a cooperativas o empresas sociales puede apoyarse ahora en compromisos "
                    "asumidos por su gobierno nacional.</p>"
                ),
                subheading("La resolución de la OIT relativa al trabajo decente y la ESS (2022)"),
                text(
                    "<p>Adoptada por la Conferencia Internacional del Trabajo en su 110.ª "
                    "reunión, en junio de 2022, la resolución da a la ESS su definición "
                    "tripartita y la vincula con el trabajo decente: formalización del "
                    "trabajo informal, protección social, derechos en el trabajo y diálogo "
                    "social. Encomienda a la OIT que apoye a los gobiernos con asesoramiento, "
                    "estadísticas y desarrollo de capacidades, y fue seguida de una "
                    "estrategia y un plan de acción de la OIT.</p>"
                ),
                subheading(
                    "La Recomendación de la OCDE sobre la economía social y solidaria y la "
                    "innovación social (2022)"
                ),
                text(
                    "<p>Adoptada por el Consejo de la OCDE en junio de 2022, la Recomendación "
                    "es la primera norma internacional en la materia. Pide a los gobiernos "
                    "que construyan un ecosistema favorable en ámbitos como la cultura y el "
                    "conocimiento de la ESS, los marcos institucionales y jurídicos, el "
                    "acceso a la financiación, el acceso a los mercados públicos y privados, "
                    "las competencias y el apoyo empresarial, la medición del impacto y "
                    "mejores datos, y el apoyo a la innovación social. Reconoce expresamente "
                    "que gran parte de este trabajo lo realizan los gobiernos regionales y "
                    "locales.</p>"
                ),
                subheading("La resolución A/RES/77/281 de la Asamblea General de la ONU (2023)"),
                text(
                    "<p>Adoptada el 18 de abril de 2023 con el título «Promoción de la "
                    "economía social y solidaria para el desarrollo sostenible», la "
                    "resolución reconoce la contribución de la ESS a la Agenda 2030 y a los "
                    "Objetivos de Desarrollo Sostenible. Alienta a los Estados miembros a "
                    "promover y aplicar estrategias, políticas y programas nacionales, "
                    "locales y regionales para la ESS, a tenerla en cuenta en ámbitos como "
                    "la financiación, la contratación pública y las estadísticas, y pide a "
                    "los organismos de las Naciones Unidas que los apoyen, en particular a "
                    "través del Grupo de Trabajo Interinstitucional de las Naciones Unidas "
                    "sobre la ESS (UNTFSSE).</p>"
                ),
                important(
                    "Las ciudades llegaron primero",
                    "<p>Estos textos se basan en décadas de práctica local. El propio GSEF "
                    "nació del primer Foro Global de Economía Social, celebrado en Seúl en "
                    "2013, y participó, junto con otras redes de la ESS, en la incidencia que "
                    "condujo a la resolución de las Naciones Unidas. Al citarla, usted cita "
                    "un trabajo que los gobiernos locales ayudaron a construir.</p>",
                ),
                heading("Cómo usar estos textos en su administración"),
                text(
                    "<ul>"
                    "<li><b>En un informe al pleno o en una estrategia</b>: cite la "
                    "resolución A/RES/77/281 y la Recomendación de la OCDE para mostrar que "
                    "la política sigue orientaciones internacionales que su país ha "
                    "respaldado.</li>"
                    "<li><b>En el diálogo con los ministerios</b>: la resolución pide "
                    "estrategias locales; pregunte cómo piensa apoyarlas el gobierno "
                    "nacional.</li>"
                    "<li><b>En un informe sobre los ODS</b>: muchas ciudades publican "
                    "Informes Locales Voluntarios sobre los ODS; la contribución de la ESS "
                    "al trabajo decente (ODS 8), a la reducción de las desigualdades "
                    "(ODS 10) y a las ciudades sostenibles (ODS 11) tiene su lugar en "
                    "ellos.</li>"
                    "</ul>"
                ),
                tip(
                    "Compromisos políticos, no tratados",
                    "<p>Ninguno de estos textos es un tratado. Una resolución de la Asamblea "
                    "General y una Recomendación de la OCDE son compromisos políticos: no "
                    "crean obligaciones jurídicas ni fondos, pero tienen peso porque los "
                    "gobiernos los acordaron. Los países que no son miembros de la OCDE "
                    "también pueden adherirse a la Recomendación.</p>",
                ),
                resources(
                    "Los textos",
                    link(
                        "Resolución A/RES/77/281 de la Asamblea General de las Naciones Unidas",
                        UN_RESOLUTION,
                        "Promoción de la economía social y solidaria para el desarrollo "
                        "sostenible, 18 de abril de 2023.",
                    ),
                    link(
                        "Recomendación de la OCDE sobre la economía social y solidaria y la "
                        "innovación social",
                        OECD_RECOMMENDATION,
                        "El texto, sus antecedentes y la lista de países adherentes.",
                    ),
                    link(
                        "UNTFSSE",
                        "https://unsse.org",
                        "El Grupo de Trabajo Interinstitucional de las Naciones Unidas sobre "
                        "la ESS, que da seguimiento a la resolución.",
                    ),
                    link(
                        "Foro Global de Economía Social (GSEF)",
                        "https://gsef-net.org",
                        "Los miembros, los foros y la incidencia del GSEF.",
                    ),
                ),
                quiz(
                    "Compruebe lo que ha aprendido",
                    "Cuatro preguntas sobre los textos internacionales.",
                    single(
                        "¿Cuál es el título de la resolución A/RES/77/281 de la Asamblea "
                        "General de las Naciones Unidas?",
                        right(
                            "Promoción de la economía social y solidaria para el desarrollo "
                            "sostenible",
                            "Correcto. Se adoptó el 18 de abril de 2023.",
                        ),
                        wrong(
                            "El trabajo decente y la economía social y solidaria",
                            "Esa es la resolución de la OIT de 2022.",
                        ),
                        wrong(
                            "La Nueva Agenda Urbana",
                            "La Nueva Agenda Urbana se adoptó en Hábitat III en 2016 y es otro "
                            "texto.",
                        ),
                    ),
                    multiple(
                        "¿En qué ámbitos pide la Recomendación de la OCDE que actúen los "
                        "gobiernos? Marque todas las respuestas correctas.",
                        right("El acceso a la financiación", "Sí, es uno de sus pilares."),
                        right(
                            "El acceso a los mercados públicos y privados",
                            "Sí, incluida la contratación pública.",
                        ),
                        right(
                            "La medición del impacto y los datos",
                            "Sí: mejores datos y mediciones figuran entre sus recomendaciones.",
                        ),
                        wrong(
                            "Exenciones fiscales para toda organización de la ESS",
                            "La Recomendación no prescribe exenciones generales; la "
                            "fiscalidad corresponde a cada país.",
                        ),
                    ),
                    single(
                        "¿Qué órgano de las Naciones Unidas da seguimiento a la resolución y "
                        "coordina el trabajo del sistema de la ONU sobre la ESS?",
                        right(
                            "El Grupo de Trabajo Interinstitucional de las Naciones Unidas "
                            "sobre la ESS (UNTFSSE)",
                            "Correcto: reúne a organismos de la ONU y, como observadoras, a "
                            "redes de la ESS.",
                        ),
                        wrong(
                            "El Consejo de Derechos Humanos",
                            "El Consejo de Derechos Humanos no tiene esa función.",
                        ),
                        wrong(
                            "ONU-Hábitat por sí solo",
                            "ONU-Hábitat es uno de varios organismos implicados, no el "
                            "coordinador.",
                        ),
                    ),
                    single(
                        "¿Cómo puede una ciudad utilizar estos textos?",
                        right(
                            "Para fundamentar su política de ESS en compromisos asumidos por su "
                            "país y pedir apoyo al gobierno nacional",
                            "Correcto: son referencias políticas, no una fuente de "
                            "financiación en sí mismas.",
                        ),
                        wrong(
                            "Para reclamar una financiación que la ONU debe a cada ciudad",
                            "La resolución no crea ningún fondo para las ciudades.",
                        ),
                        wrong(
                            "Los gobiernos locales no pueden utilizarlos",
                            "Tanto la Recomendación de la OCDE como la resolución de las "
                            "Naciones Unidas mencionan expresamente las estrategias locales y "
                            "regionales.",
                        ),
                    ),
                ),
            ],
        },
        {
            "title": "¿Por qué las ciudades? Los papeles del gobierno local",
            "slug": "por-que-las-ciudades",
            "summary": (
                "Los seis papeles que puede desempeñar un gobierno local en la ESS, con "
                "ejemplos de Seúl, Montreal, Barcelona y la Ciudad de México."
            ),
            "body": [
                heading("Cerca de las necesidades, cerca de las empresas"),
                text(
                    "<p>La mayoría de las organizaciones de la ESS son locales: están "
                    "arraigadas en un barrio, sirven a su gente y mantienen allí sus "
                    "excedentes. Los gobiernos locales conocen las necesidades (cuidados, "
                    "vivienda, empleo juvenil, alimentación, residuos, energía) y tienen en "
                    "sus manos muchas de las herramientas que ayudan o frenan a la ESS. Por "
                    "eso las políticas de ESS más avanzadas han sido a menudo locales y no "
                    "nacionales.</p>"
                ),
                heading("Seis papeles"),
                text(
                    "<ol>"
                    "<li><b>Convocante</b>: reunir en torno a una mesa a las redes de la ESS, "
                    "las empresas, las universidades y las áreas municipales, y diseñar la "
                    "política con ellas.</li>"
                    "<li><b>Comprador</b>: abrir los contratos públicos a las empresas de la "
                    "ESS y utilizar cláusulas sociales.</li>"
                    "<li><b>Financiador e inversor</b>: subvenciones para la puesta en "
                    "marcha, pero también préstamos, garantías y coinversión con entidades "
                    "financieras de la ESS.</li>"
                    "<li><b>Propietario de activos</b>: ceder locales, suelo y edificios, a "
                    "veces mediante arrendamientos de larga duración o propiedad "
                    "comunitaria.</li>"
                    "<li><b>Regulador y facilitador</b>: urbanismo, licencias, ordenanzas y "
                    "procedimientos simplificados que no penalicen a las empresas "
                    "colectivas.</li>"
                    "<li><b>Promotor y educador</b>: información, formación, centros de "
                    "apoyo, y enseñanza de la ESS en la escuela y la formación "
                    "profesional.</li>"
                    "</ol>"
                ),
                case_study(
                    "Un centro de apoyo en el corazón del ecosistema",
                    "Seúl",
                    "<p>A partir de 2012, el Gobierno Metropolitano de Seúl convirtió la "
                    "economía social en un pilar de su política económica. En 2013 abrió el "
                    "<b>Centro de Apoyo a la Economía Social de Seúl</b>, gestionado con la "
                    "sociedad civil, que ofrecía asesoramiento, formación, espacios "
                    "compartidos y trabajo en red a empresas sociales, cooperativas, "
                    "empresas de aldea y empresas de autosuficiencia. Después llegaron los "
                    "centros de distrito. La ciudad fijó además objetivos de compra a "
                    "empresas de la economía social y creó un fondo de inversión social.</p>"
                    "<p>El enfoque de Seúl cambió más tarde con un nuevo gobierno municipal, "
                    "lo que en sí mismo es una lección: las políticas duran más cuando las "
                    "sostienen las leyes y las propias redes de la ESS, y no solo una "
                    "administración.</p>",
                ),
                case_study(
                    "Diseñar la política en común",
                    "Montreal",
                    "<p>La política de economía social de Montreal se basa en una larga "
                    "alianza entre la Ciudad y el <b>Chantier de l’économie sociale</b>, la "
                    "red de todo Quebec nacida tras la Cumbre sobre la Economía y el Empleo "
                    "de 1996. En 2009, la Ciudad y sus socios firmaron una alianza para un "
                    "desarrollo solidario y sostenible, y desde entonces la Ciudad ha "
                    "adoptado planes de acción de economía social elaborados con el sector. "
                    "La Ley de Economía Social de Quebec (2013) designa al Chantier y al "
                    "Conseil québécois de la coopération et de la mutualité como "
                    "interlocutores privilegiados del gobierno.</p>",
                ),
                case_study(
                    "Comprar con cláusulas sociales",
                    "Barcelona",
                    "<p>El Ayuntamiento de Barcelona adoptó en 2016 y 2017 normas y una guía "
                    "práctica de contratación pública socialmente responsable, de modo que "
                    "las cláusulas sociales y ambientales pasaron a ser parte habitual de "
                    "los contratos municipales y algunos contratos se reservan a empresas de "
                    "inserción y centros especiales de empleo. El curso «Contratación pública "
                    "para empresas de la economía social» analiza este caso en detalle.</p>",
                ),
                case_study(
                    "Una ley que nombra al sector",
                    "Ciudad de México",
                    "<p>La <b>Ley de la Economía Social y Solidaria</b> federal de México "
                    "(2012) reconoce a ejidos, comunidades, cooperativas, empresas de "
                    "trabajadores y otras formas como el sector social de la economía, y "
                    "creó el Instituto Nacional de la Economía Social (INAES). La Ciudad de "
                    "México cuenta con su propia ley de fomento cooperativo y apoya la "
                    "creación de cooperativas mediante sus programas de desarrollo "
                    "económico.</p>",
                ),
                tip(
                    "Empiece por lo que ya controla",
                    "<p>Antes de crear nuevos programas, haga una lista de las herramientas "
                    "que su ciudad ya utiliza: sus compras, sus edificios, su apoyo a las "
                    "empresas, sus servicios de empleo. Abrirlos a la ESS suele costar "
                    "poco.</p>",
                ),
                quiz(
                    "Compruebe lo que ha aprendido",
                    "Cuatro preguntas sobre los papeles del gobierno local.",
                    multiple(
                        "¿Cuáles de estos papeles puede desempeñar un gobierno local para la "
                        "ESS? Marque todas las respuestas correctas.",
                        right(
                            "Comprador de bienes y servicios",
                            "Sí, mediante la contratación pública.",
                        ),
                        right(
                            "Propietario de locales y suelo",
                            "Sí: el acceso a espacios asequibles suele ser decisivo.",
                        ),
                        right(
                            "Convocante de redes y socios",
                            "Sí: construir la política en común es un papel en sí mismo.",
                        ),
                        wrong(
                            "Propietario y gestor de todas las empresas de la ESS",
                            "No: la autonomía y la independencia son principios de la ESS; "
                            "una ciudad apoya, no controla.",
                        ),
                    ),
                    single(
                        "¿Qué organización ha sido la principal aliada de Montreal en el "
                        "diseño de su política de economía social?",
                        right(
                            "El Chantier de l’économie sociale",
                            "Correcto: la red de Quebec fundada tras la Cumbre de 1996.",
                        ),
                        wrong(
                            "El Centro de Apoyo a la Economía Social de Seúl",
                            "Ese centro lo creó el Gobierno Metropolitano de Seúl.",
                        ),
                        wrong(
                            "El INAES",
                            "El INAES es el Instituto Nacional de la Economía Social de México.",
                        ),
                    ),
                    single(
                        "¿Qué sugiere la experiencia de Seúl sobre cómo hacer que una "
                        "política de ESS perdure?",
                        right(
                            "Perdura más cuando la sostienen las leyes y las redes de la ESS, "
                            "no solo una administración",
                            "Correcto: anclar una política más allá de un ciclo electoral forma "
                            "parte de su diseño.",
                        ),
                        wrong(
                            "Los centros de apoyo nunca son útiles",
                            "El centro de Seúl desempeñó un papel importante en la "
                            "construcción del ecosistema.",
                        ),
                        wrong(
                            "Las ciudades no deberían tener políticas de ESS",
                            "La lección trata de cómo anclar una política, no de si debe existir.",
                        ),
                    ),
                    single(
                        "¿Qué ley creó el Instituto Nacional de la Economía Social (INAES) de "
                        "México?",
                        right(
                            "La Ley de la Economía Social y Solidaria (2012)",
                            "Correcto: reconoce el sector social de la economía y creó el INAES.",
                        ),
                        wrong(
                            "La Ley de Economía Social de Quebec",
                            "Esa ley (2013) se aplica en Quebec, Canadá.",
                        ),
                        wrong(
                            "La Ley 5/2011 de Economía Social de España",
                            "Esa es la ley española de economía social.",
                        ),
                    ),
                ),
            ],
        },
        {
            "title": "La ESS en distintos contextos jurídicos y nacionales",
            "slug": "leyes-y-contextos",
            "summary": (
                "Cómo reconocen los países la ESS en la ley, desde las leyes marco hasta las "
                "leyes sobre cooperativas y empresas sociales, y qué significa esto donde "
                "gran parte de la economía es informal."
            ),
            "body": [
                heading("Las leyes marco"),
                text(
                    "<p>Varios países cuentan con una <b>ley marco</b> que define la ESS, "
                    "enumera las organizaciones que la integran y establece deberes de los "
                    "poderes públicos hacia ella. Entre ellas están la <i>Ley 5/2011 de "
                    "Economía Social</i> de España, la <i>Ley de la Economía Social y "
                    "Solidaria</i> de México (2012), la ley de bases de la economía social "
                    "de Portugal (2013), la <i>Ley de Economía Social</i> de Quebec (2013) y "
                    "la ley francesa de economía social y solidaria de 31 de julio de 2014. "
                    "Ecuador, Colombia, Uruguay y varios países africanos también han "
                    "adoptado leyes o políticas nacionales sobre la ESS.</p>"
                ),
                heading("Las leyes sobre formas concretas"),
                text(
                    "<p>Otros países reconocen la ESS mediante leyes propias de cada forma "
                    "de organización. La República de Corea, por ejemplo, tiene una <i>Ley "
                    "de Promoción de las Empresas Sociales</i> (2007) y una <i>Ley Marco de "
                    "Cooperativas</i> (2012), que facilitó mucho la creación de "
                    "cooperativas; junto con las empresas de aldea y las empresas de "
                    "autosuficiencia, se habla a menudo de los cuatro tipos de empresas de "
                    "la economía social. La ley italiana de cooperativas sociales (1991) "
                    "inspiró leyes similares en muchos países.</p>"
                ),
                note(
                    "Qué suele contener una ley marco",
                    "<ul>"
                    "<li>una definición y unos principios de la ESS;</li>"
                    "<li>la lista de organizaciones incluidas y, a veces, un registro;</li>"
                    "<li>un órgano responsable dentro del gobierno y un órgano de consulta "
                    "con el sector;</li>"
                    "<li>deberes de promoción de la ESS, que a veces alcanzan a las "
                    "autoridades locales.</li>"
                    "</ul>",
                ),
                heading("Donde gran parte de la economía es informal"),
                text(
                    "<p>En muchas ciudades de África, Asia y América Latina, la mayoría de "
                    "las personas trabajadoras se ganan la vida en la economía informal. Los "
                    "grupos de ahorro y las tontinas, las agrupaciones de productores, las "
                    "asociaciones de comerciantes de mercado y las cooperativas de "
                    "recicladores son a menudo el primer paso hacia la organización "
                    "colectiva. La resolución de la OIT de 2022 reconoce el papel de la ESS "
                    "en la transición de la economía informal a la formal, una transición "
                    "que debe traer derechos y protección social, no solo registro e "
                    "impuestos.</p>"
                ),
                case_study(
                    "Trabajar con grupos de ahorro y cooperativas",
                    "Bamako",
                    "<p>En Bamako, como en muchas ciudades de África Occidental, gran parte "
                    "de la ESS está formada por agrupaciones de mujeres, cooperativas, "
                    "mutualidades de salud e instituciones de ahorro y crédito arraigadas en "
                    "los barrios. Una política municipal parte allí de estas organizaciones "
                    "tal como son: reconocerlas, darles acceso a mercados y locales, y "
                    "ayudarlas a entrar en el marco jurídico regional de las cooperativas "
                    "(el Acta Uniforme de la OHADA sobre sociedades cooperativas) cuando "
                    "así lo decidan.</p>",
                ),
                important(
                    "Un gobierno local actúa dentro de la ley nacional",
                    "<p>Su ciudad no puede crear formas jurídicas, pero sí decidir cómo trata "
                    "las que existen: quién puede acceder a sus programas, qué "
                    "organizaciones cuentan como ESS en sus normas de contratación, cómo "
                    "registra y apoya a los grupos informales. Consulte pronto a su "
                    "servicio jurídico.</p>",
                ),
                resources(
                    "Para saber más",
                    link(
                        "España: Ley 5/2011, de 29 de marzo, de Economía Social",
                        "https://www.boe.es/eli/es/l/2011/03/29/5",
                        "El texto consolidado en el Boletín Oficial del Estado.",
                    ),
                    link(
                        "Instituto Nacional de la Economía Social (México)",
                        "https://www.gob.mx/inaes",
                        "El instituto nacional creado por la ley de 2012.",
                    ),
                    link(
                        "socioeco.org",
                        "https://www.socioeco.org",
                        "Una biblioteca multilingüe de leyes y políticas públicas de ESS, "
                        "mantenida por RIPESS y sus socios.",
                    ),
                ),
                quiz(
                    "Compruebe lo que ha aprendido",
                    "Tres preguntas sobre las leyes de la ESS.",
                    multiple(
                        "¿Cuáles de estos países tienen una ley marco de economía social o de "
                        "economía social y solidaria? Marque todas las respuestas correctas.",
                        right("España", "Sí: la Ley 5/2011 de Economía Social."),
                        right("México", "Sí: la Ley de la Economía Social y Solidaria de 2012."),
                        right("Francia", "Sí: la ley de 31 de julio de 2014."),
                        wrong(
                            "Ninguno: la ESS no puede definirse en la ley",
                            "Muchos países la han definido en la ley, como muestran los ejemplos.",
                        ),
                    ),
                    single(
                        "¿Qué ley coreana de 2012 facilitó mucho la creación de cooperativas?",
                        right(
                            "La Ley Marco de Cooperativas",
                            "Correcto. La Ley de Promoción de las Empresas Sociales de Corea "
                            "es de 2007.",
                        ),
                        wrong(
                            "La Ley de Economía Social",
                            "Ese es el nombre de la ley de Quebec de 2013.",
                        ),
                        wrong(
                            "La Ley 5/2011 de Economía Social", "Esa es la ley española de 2011."
                        ),
                    ),
                    single(
                        "Su país no tiene una ley de ESS. ¿Qué puede hacer aun así su ciudad?",
                        right(
                            "Decidir cómo tratan sus programas, sus compras y sus registros a "
                            "las organizaciones de la ESS que existen",
                            "Correcto: dentro de la ley nacional, una ciudad elige cómo usa sus "
                            "propias herramientas.",
                        ),
                        wrong(
                            "Nada hasta que se apruebe una ley nacional",
                            "Muchas ciudades actuaron mucho antes de que sus países legislaran.",
                        ),
                        wrong(
                            "Crear una nueva forma jurídica para las cooperativas",
                            "Las formas jurídicas las crea la ley nacional (o, en algunos "
                            "países federales, la regional), no las ciudades.",
                        ),
                    ),
                ),
            ],
        },
        {
            "title": "Primeros pasos para su ciudad",
            "slug": "primeros-pasos-para-su-ciudad",
            "summary": (
                "Cinco pasos que cualquier gobierno local puede dar en su primer año, y una "
                "lista de comprobación para llevar a su próxima reunión de equipo."
            ),
            "body": [
                heading("No hace falta un gran presupuesto para empezar"),
                text(
                    "<p>Las ciudades de este curso no empezaron con una estrategia completa. "
                    "Empezaron por nombrar a una persona responsable, conocer a las "
                    "organizaciones de la ESS que ya trabajaban en su territorio y cambiar "
                    "algunas cosas que dependían de ellas. Estos son cinco pasos que han "
                    "funcionado en lugares muy distintos.</p>"
                ),
                text(
                    "<ol>"
                    "<li><b>Nombre una persona de referencia.</b> Un funcionario, en "
                    "desarrollo económico o empleo, responsable de la ESS y conocido por el "
                    "sector.</li>"
                    "<li><b>Haga un mapa de lo que existe.</b> Con las redes locales y las "
                    "universidades, identifique las cooperativas, asociaciones, mutualidades "
                    "y empresas sociales de su territorio, incluidos los grupos informales, "
                    "y lo que hacen.</li>"
                    "<li><b>Escuche.</b> Organice una primera reunión con las redes de la "
                    "ESS. Pregunte qué las frena: el acceso a locales, a financiación, a "
                    "contratos públicos, a información.</li>"
                    "<li><b>Cambie algo que dependa de usted.</b> Abra un contrato, un "
                    "edificio o un programa de apoyo empresarial a las empresas de la "
                    "ESS.</li>"
                    "<li><b>Conéctese.</b> Súmese a redes nacionales e internacionales como "
                    "el GSEF para aprender de sus pares y hacerse oír cuando se decide la "
                    "política nacional.</li>"
                    "</ol>"
                ),
                tip(
                    "Logros rápidos que generan confianza",
                    "<ul>"
                    "<li>Publique la lista de los próximos contratos para que las pequeñas "
                    "empresas de la ESS puedan prepararse.</li>"
                    "<li>Ceda un edificio municipal sin uso para un espacio compartido de la "
                    "ESS.</li>"
                    "<li>Incluya a las empresas de la ESS en los premios, ferias y misiones "
                    "empresariales que la ciudad ya organiza.</li>"
                    "</ul>",
                ),
                important(
                    "Respete la autonomía del sector",
                    "<p>El apoyo nunca debe convertirse en control. Construya los programas "
                    "junto con los representantes de la ESS, mantenga reglas de financiación "
                    "transparentes y evite crear organizaciones que dependan por completo de "
                    "un solo contrato municipal.</p>",
                ),
                heading("Cómo seguir"),
                text(
                    "<p>Los demás cursos de GSEF Academy profundizan en cada paso: diseñar "
                    "una estrategia municipal de ESS, la contratación pública, la "
                    "financiación de cooperativas, la medición de la economía social y la "
                    "gobernanza de las alianzas entre ayuntamientos y sociedad civil.</p>"
                ),
                resources(
                    "Redes a las que sumarse",
                    link(
                        "Foro Global de Economía Social (GSEF)",
                        "https://gsef-net.org",
                        "La red internacional de gobiernos locales y redes de la ESS.",
                    ),
                    link(
                        "RIPESS",
                        "https://www.ripess.org",
                        "La Red Intercontinental de Promoción de la Economía Social Solidaria.",
                    ),
                    link(
                        "Centro de conocimiento del UNTFSSE",
                        "https://knowledgehub.unsse.org",
                        "Investigaciones y documentos de política sobre la ESS y los ODS (en "
                        "inglés).",
                    ),
                ),
                quiz(
                    "Compruebe lo que ha aprendido",
                    "Tres preguntas para cerrar el curso.",
                    single(
                        "¿Cuál suele ser el mejor primer paso para una ciudad que se inicia en "
                        "la ESS?",
                        right(
                            "Nombrar una persona de referencia y hacer un mapa de las "
                            "organizaciones de la ESS que ya existen",
                            "Correcto: no se puede apoyar a un sector que no se conoce.",
                        ),
                        wrong(
                            "Crear un gran programa de subvenciones antes de hablar con el sector",
                            "Los programas diseñados sin el sector suelen pasar por alto sus "
                            "necesidades reales.",
                        ),
                        wrong(
                            "Esperar a una estrategia nacional",
                            "Muchas ciudades han ido por delante y la política nacional las "
                            "ha seguido.",
                        ),
                    ),
                    multiple(
                        "¿Cuáles de estas acciones de bajo coste dependen de la ciudad? Marque "
                        "todas las respuestas correctas.",
                        right(
                            "Publicar con antelación los próximos contratos públicos",
                            "Sí: da tiempo a las pequeñas empresas para prepararse.",
                        ),
                        right(
                            "Ceder un edificio municipal sin uso",
                            "Sí: los locales son un obstáculo frecuente.",
                        ),
                        wrong(
                            "Modificar la ley nacional de cooperativas",
                            "Es una competencia nacional (o regional).",
                        ),
                    ),
                    single(
                        "¿Por qué construir los programas junto con los representantes de la ESS?",
                        right(
                            "Porque respeta la autonomía del sector y da lugar a programas "
                            "adaptados a sus necesidades",
                            "Correcto: la autonomía y la participación son principios de la "
                            "ESS y hacen que las políticas funcionen mejor.",
                        ),
                        wrong(
                            "Porque la ley siempre lo exige",
                            "Algunas leyes lo exigen, pero la razón principal es que funciona.",
                        ),
                        wrong(
                            "Para que la ciudad pueda controlar a las organizaciones",
                            "El objetivo es el contrario: apoyar sin controlar.",
                        ),
                    ),
                ),
            ],
        },
    ],
}
