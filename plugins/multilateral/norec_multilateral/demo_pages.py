"""The advisers' information pages of the demonstration, in English, bokmål and nynorsk."""

PAGES = (
    (
        "norwegians-abroad",
        {
            "en": "Rules for Norwegians working abroad",
            "nb": "Regler for nordmenn som jobber i utlandet",
            "nn": "Reglar for nordmenn som jobbar i utlandet",
        },
        {
            "en": "When you take up a post in an international organisation, you usually leave "
            "the Norwegian National Insurance Scheme (folketrygden) for as long as the post "
            "lasts. You can apply to NAV for voluntary membership, which keeps your rights to "
            "health care in Norway and to parts of the pension.\n\n"
            "Salaries from the UN and most development banks are exempt from Norwegian income "
            "tax, but the income can still count when the tax on other income is worked out. "
            "Ask the Tax Administration (Skatteetaten) before you leave, and tell the Population "
            "Register that you move.\n\n"
            "Your pension in the organisation comes from its own fund, such as the United "
            "Nations Joint Staff Pension Fund. Keep your statements: you need them when you "
            "come home.",
            "nb": "Når du tar en stilling i en internasjonal organisasjon, går du vanligvis ut av "
            "folketrygden så lenge stillingen varer. Du kan søke NAV om frivillig medlemskap, "
            "som gir deg rett til helsehjelp i Norge og til deler av pensjonen.\n\n"
            "Lønn fra FN og de fleste utviklingsbankene er fritatt for norsk inntektsskatt, men "
            "inntekten kan likevel telle med når skatten på annen inntekt regnes ut. Spør "
            "Skatteetaten før du reiser, og meld flytting til Folkeregisteret.\n\n"
            "Pensjonen i organisasjonen kommer fra dens egen pensjonskasse, for eksempel United "
            "Nations Joint Staff Pension Fund. Ta vare på oversiktene: du trenger dem når du "
            "kommer hjem.",
            "nn": "Når du tek ei stilling i ein internasjonal organisasjon, går du vanlegvis ut "
            "av folketrygda så lenge stillinga varer. Du kan søkje NAV om friviljug medlemskap, "
            "som gjev deg rett til helsehjelp i Noreg og til delar av pensjonen.\n\n"
            "Løn frå FN og dei fleste utviklingsbankane er friteken for norsk inntektsskatt, men "
            "inntekta kan likevel telje med når skatten på anna inntekt vert rekna ut. Spør "
            "Skatteetaten før du reiser, og meld flytting til Folkeregisteret.\n\n"
            "Pensjonen i organisasjonen kjem frå den eigne pensjonskassa, til dømes United "
            "Nations Joint Staff Pension Fund. Ta vare på oversiktene: du treng dei når du kjem "
            "heim.",
        },
    ),
    (
        "career-support",
        {"en": "Career support", "nb": "Karrierestøtte", "nn": "Karrierestøtte"},
        {
            "en": "Norec helps Norwegians who want a career in the UN system and the "
            "development banks, and those who are already there and want to stay.\n\n"
            "We read your application before a round closes if you ask in time, hold "
            "information meetings before every round, and put you in touch with Norwegians "
            "at the duty station you are going to. Members of the network meet online every "
            "quarter and at the large duty stations once a year.\n\n"
            "Towards the end of a JPO post, talk to us about the next step: most posts in the "
            "system are open to internal candidates first.",
            "nb": "Norec hjelper nordmenn som vil ha en karriere i FN-systemet og "
            "utviklingsbankene, og dem som allerede er der og vil bli.\n\n"
            "Vi leser søknaden din før fristen hvis du spør i tide, holder informasjonsmøter "
            "før hver runde og setter deg i kontakt med nordmenn på tjenestestedet du skal "
            "til. Medlemmene i nettverket møtes digitalt hvert kvartal og på de store "
            "tjenestestedene en gang i året.\n\n"
            "Mot slutten av en JPO-stilling: snakk med oss om neste steg. De fleste stillinger "
            "i systemet lyses først ut for interne kandidater.",
            "nn": "Norec hjelper nordmenn som vil ha ein karriere i FN-systemet og "
            "utviklingsbankane, og dei som alt er der og vil bli.\n\n"
            "Vi les søknaden din før fristen om du spør i tide, held informasjonsmøte før kvar "
            "runde og set deg i kontakt med nordmenn på tenestestaden du skal til. Medlemene i "
            "nettverket møtest digitalt kvart kvartal og på dei store tenestestadene ein gong i "
            "året.\n\n"
            "Mot slutten av ei JPO-stilling: snakk med oss om neste steg. Dei fleste stillingane "
            "i systemet vert først lyste ut for interne kandidatar.",
        },
    ),
    (
        "programmes",
        {
            "en": "How the JPO and UNV programmes work",
            "nb": "Slik fungerer JPO- og UNV-programmene",
            "nn": "Slik fungerer JPO- og UNV-programma",
        },
        {
            "en": "Junior Professional Officers (JPO) are young professionals, usually under "
            "32, with a master's degree and at least two years of relevant work. Norway "
            "reserves posts with the agencies each year and pays for two years, sometimes "
            "three. Norec publishes the posts, screens and interviews the candidates, and "
            "sends each agency a shortlist; the agency chooses.\n\n"
            "UN Volunteers (UNV) serve for six to twenty-four months as specialists or youth "
            "volunteers. The requirements are lower, and the posts open during the year.\n\n"
            "Senior posts and secondments are for experienced professionals: Norway proposes "
            "candidates to posts the organisations open to them.",
            "nb": "Junior Professional Officers (JPO) er unge fagfolk, vanligvis under 32 år, "
            "med mastergrad og minst to års relevant arbeid. Norge reserverer stillinger hos "
            "organisasjonene hvert år og betaler for to år, noen ganger tre. Norec lyser ut "
            "stillingene, vurderer og intervjuer kandidatene og sender hver organisasjon en "
            "kortliste; organisasjonen velger.\n\n"
            "FN-frivillige (UNV) tjenestegjør i seks til tjuefire måneder som spesialister "
            "eller ungdomsfrivillige. Kravene er lavere, og stillingene lyses ut gjennom året.\n\n"
            "Seniorstillinger og utlån er for erfarne fagfolk: Norge foreslår kandidater til "
            "stillinger organisasjonene åpner for dem.",
            "nn": "Junior Professional Officers (JPO) er unge fagfolk, vanlegvis under 32 år, "
            "med mastergrad og minst to års relevant arbeid. Noreg reserverer stillingar hos "
            "organisasjonane kvart år og betaler for to år, somme tider tre. Norec lyser ut "
            "stillingane, vurderer og intervjuar kandidatane og sender kvar organisasjon ei "
            "kortliste; organisasjonen vel.\n\n"
            "FN-friviljuge (UNV) tenestegjer i seks til tjuefire månader som spesialistar eller "
            "ungdomsfriviljuge. Krava er lågare, og stillingane vert lyste ut gjennom året.\n\n"
            "Seniorstillingar og utlån er for røynde fagfolk: Noreg føreslår kandidatar til "
            "stillingar organisasjonane opnar for dei.",
        },
    ),
)
