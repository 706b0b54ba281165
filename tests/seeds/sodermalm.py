"""Södermalm 2025 (with follow-ups 2025-01-15 and 2025-03-19), transcribed from shared/seeds/001_b725d2e5a058ae9e.txt."""
#
# Transcription conventions used throughout:
# * Wrapped PDF lines are rejoined with one space; a line that ends in a hyphen with no
#   trailing space (Excel wrapped after a typed hyphen: "informations-delningen",
#   "workshop-underlag", "Mitt-i", "2025-xx-xx", URLs) is rejoined with no space, as are
#   two character-level wraps of over-long tokens ("view.php?i|d=2988",
#   "kunskapsdelning/information|sspridning").
# * "\n" marks a real break: a line padded with many typed spaces (the authors' way of
#   starting a new item, e.g. before "2.", "5.", "Ett motsvarande", "Genom samarbete"),
#   or a line with no trailing space followed by an evident new sentence/item
#   (sheet 4 rows "Våldsutsatta", the two "Bedrägerier" rows), or where width analysis
#   shows the next word would have fitted on the line.
# * Double spaces inside a line are kept as in the source; trailing spaces are stripped.
# * Row/column assignment was checked by estimating rendered line widths (Calibri advance
#   widths): each column has a characteristic wrap width, so a text block can be placed in
#   its column even when extraction has flattened the grid.
# * The seed's Analysflik turns out to equal COUNTA of columns A/B/C of each sheet
#   (a merged cell counts once, repeated texts count every time). All five sheets of
#   this transcription reproduce those non-empty-cell counts exactly, which is strong
#   evidence for the row structure (see the sheet 4 note).
from tests.seeds.common import SAME

DISTRICT = "Södermalm"
YEAR = 2025
SHEETS = [
    # Sheet 1: 11 measure rows, each with its own (repeated, not merged) problem cell
    # "Unga i riskzon för destruktiva beteenden" and its own cause, then the proposals
    # block: problem "Förslag nya åtgärder 2025" (one cell merged over two rows -> SAME on
    # row 12) with two causes and no measure/goal/timing/owner.
    # Follow-ups: column G "Uppföljning" is empty on every row. Where a row has two texts,
    # the first is 2025-01-15 and the second 2025-03-19: the two columns wrap at different
    # widths (Jan column slightly wider: "hos polisen 2025. Socialtjänst m.m." fits on one
    # line in Jan but wraps before "m.m." in March; same for rows 4 and 8), and no
    # follow-up text wraps as wide as column G would allow.
    # Uncertain: row 10 ("Prevention har uppmärksammat...") has only ONE follow-up text;
    # widths fit both dated columns; placed in 2025-03-19 because every other row was
    # updated in March and the row reads as added at the January meeting.
    # Uncertain: row 7 line "Pågår. regelbundet SDF tas bort" was split as goal "Pågår.",
    # timing "regelbundet", owner "SDF", Jan "tas bort" (the alternative is goal empty and
    # timing "Pågår. regelbundet").
    {
        "name": '1. Unga i riskzon',
        "title": 'Unga i riskzon för destruktivt beteende',
        "followup_headers": ['Uppföljning', 'Uppföljning 2025-01-15', 'Uppföljning 2025-03-19'],
        "rows": [
            # row 0
            {
                "problem": 'Unga i riskzon för destruktiva beteenden',
                "cause": 'Det saknas i vissa fall en samsyn när det kommer till unga i riskzon.',
                "measure": 'Två gånger i månaden genomförs möte på polisen, i syfte att uppdatera och utvärdera ungdomar i riskzon. Socialtjänsten kommer att ha representant på  plats.',
                "goal": 'Öka samverkan och samsyn genom att skapa forumet och tillse att respektive organisation har förutsättningar för ett gott och aktivt deltagande.',
                "timing": '2 gånger per månad - löpande. Årshjul finns.',
                "owner": 'Polisen är sammankallande',
                "followups": ['', 'Pågående och struktur finns.', 'Pågående och struktur finns.'],
            },
            # row 1
            {
                "problem": 'Unga i riskzon för destruktiva beteenden',
                "cause": 'Det finns ett löpande utbildningsbehov hos polisen, när det kommer till att bemöta och hantera ungdomar, samt hur man skriver SoL14-anmälningar',
                "measure": 'Samverkan mellan socialtjänst och polis  för att utbilda poliser i ungdomsarbete (omfattar även Sol14).',
                "goal": 'Skapa förutsättningar för respektive organisation att bedriva kunskapshöjande insatser.',
                "timing": '2 gånger per år, en gång på våren och en gång på hösten, alt vid efterfrågan.',
                "owner": 'Soc. hos polis/ polis planerar in gemensamt. Ansvar polisen.',
                "followups": ['', 'Fyra extrainsatta ungdomsinsatser hos polisen 2025. Socialtjänst m.m. kommer medverka på utbildningsdelen.', 'Fyra extrainsatta ungdomsinsatser hos polisen 2025. Socialtjänst m.m. kommer medverka på utbildningsdelen.'],
            },
            # row 2
            {
                "problem": 'Unga i riskzon för destruktiva beteenden',
                "cause": 'Det finns en efterfrågan hos föräldrar och anhöriga, kring trender, kunskap om narkotika samt hot spots.',
                "measure": 'Föräldramöten i storforum (gemensamt för flera skolor)',
                "goal": 'Tillse att föräldrarmöte bedrivs och på så sätt ökar vårdnadshavares kunskap om aktuella problem.',
                "timing": '2 gånger per år, en gång på våren och en gång på hösten',
                "owner": 'Gemensam aktivitet mellan skola, soc. och polis. Peter Lind och Robin Glad ansvarar för att dessa äger rum.',
                "followups": ['', 'Robin och Peter ansvarar. Sätter datum och återkommer. Lokal antagligen spikat. Tema narkotika och preparat m.m. Sociala medier diskuteras som kommande tema.', 'Datum satt till 22/4, ANDTS, Södermalmsskolan bokat. Robin fixar inbjudan.'],
            },
            # row 3
            {
                "problem": 'Unga i riskzon för destruktiva beteenden',
                "cause": 'Skola och polis upplever att fysiska besök på skola underlättar kommunikation och  bidrar till bättre  informationsdelning.',
                "measure": 'Skolbesök av polis.',
                "goal": 'Tillse att skolbesök bedrivs av polisen och att skolorna är förberedda för samverkan i den formen.',
                "timing": 'Målsättningen är två dagar per vecka, utförs av områdespolisgrupp. Avser kommunala skolor.',
                "owner": 'Polisen ansvarar för att genomföra besök',
                "followups": ['', 'Pågående och stuktur finns.', 'Pågående och stuktur finns.'],
            },
            # row 4
            {
                "problem": 'Unga i riskzon för destruktiva beteenden',
                "cause": 'Polisen upplever att det finns ett behov av att lättare kunna sprida information som rör ungdomar, till vårdnadshavare.',
                "measure": 'Skola hjälper polisen att dela information på skolans plattformar.',
                "goal": 'Tillse att polisen, vid behov, kan nå ut till skolor och vårdnadshavare med information.',
                "timing": 'Vid behov',
                "owner": 'Polis och skola',
                "followups": ['', 'Skickas till Ann.harmon@edu.stockholm.se Lägg tryghgetssamordnare och Robin på kopia. Sprids till komunala skolor. Friskolor, hur når vi dom? I informationsutskick. Peter sammanställer lista på friskolorna och skickar till OPK LPO Södermalm.', 'Skickas till Ann.harmon@edu.stockholm.se Lägg tryghgetssamordnare och Robin på kopia. Sprids till komunala skolor. Friskolor, hur når vi dom? I informationsutskick. Peter sammanställer lista på friskolorna och skickar till OPK LPO Södermalm.'],
            },
            # row 5
            {
                "problem": 'Unga i riskzon för destruktiva beteenden',
                "cause": 'Narkotika hanteras kontinuerligt, om än i begränsad omfattning, på stadens grundskolor.',
                "measure": 'Hundsök med hjälp av narkotikahund kommer att äga rum på utvald(a) skola(-or).',
                "goal": 'Genomföra hundsök på skolor.',
                "timing": '2 ggr per år',
                "owner": 'Skola och polis',
                "followups": ['', 'Inget datum satt, siktar på att öka antalet.', 'Genomfördes ett 2025-01-23. Stockholmsstad har tecknat avtal med narkotikahund. Kristina, rektorn Ekens skola, kollar upp till nästa möte.'],
            },
            # row 6
            {
                "problem": 'Unga i riskzon för destruktiva beteenden',
                "cause": 'Det finns en efterfrågan hos rektornerna att samverka med polis och socialtjänst för att förbättra deras och organisationernas förutsättning för effektivare samhandling.',
                "measure": 'Soc och polis (efter behov) bjuds in till rektorsmöte',
                "goal": 'Skapa förutsättningar för medverkan på rektorsmötet för respektive organisation.',
                "timing": '1 gång/termin',
                "owner": 'polis, skola, soc.',
                "followups": ['', 'Kristina tar med det till rektorsmöte och lyfter. Datum ej satt.', 'Socialtjänst är på gång. Datum ej satt. Skolan återkommer om möjlig inbjudan även för polisen.'],
            },
            # row 7
            {
                "problem": 'Unga i riskzon för destruktiva beteenden',
                "cause": 'Information finns inom resp. verksamhetsgren avseendee ex. trender, aktuella platser etc . För att säkerställa att information når samtliga behöver informations-delningen formaliseras',
                "measure": 'Peter Lind, SDF, sammanställer ett gemensamt utskick till samtliga verksamheter.',
                "goal": 'Pågår.',
                "timing": 'regelbundet',
                "owner": 'SDF',
                "followups": ['', 'tas bort', 'Tas bort. Pågår löpande, SDF hanterar den själva.'],
            },
            # row 8
            {
                "problem": 'Unga i riskzon för destruktiva beteenden',
                "cause": 'Behov finns att tidigt kraftsamla kring unga i riskzon vid normbrytande beteende.',
                "measure": 'Föräldrarådslag',
                "goal": 'Sprida att metoden finns till berörda parter.',
                "timing": 'Vid behov.',
                "owner": 'SDF, Tor Löfgren',
                "followups": ['', 'Presenterat på rektorsmöte, spridd metod. Nu ligger arbetet i linjen. Vi tar bort den från åtgärdsplanen.', 'Presenterat på rektorsmöte, spridd metod. Nu ligger arbetet i linjen. Vi tar bort den från åtgärdsplanen.'],
            },
            # row 9
            {
                "problem": 'Unga i riskzon för destruktiva beteenden',
                "cause": 'Möte mellan polis och socialtjänst - hos socialtjänst',
                "measure": 'Polisen kommer och besöker  BoU - socialsekreterare och mottaget m.fl. Syfte att få bättre kunskap och förståelse om varandras verksamheter',
                "goal": 'Tillse att samverkan sker i syfte med åtgärden.',
                "timing": 'Datum ej satt, förslag i höst.',
                "owner": 'Soc',
                "followups": ['', 'Socialtjäsnten återkommer till polisen.', 'Socialtjänsten återkommer till polisen. Bjuder in vid behov.'],
            },
            # row 10
            {
                "problem": 'Unga i riskzon för destruktiva beteenden',
                "cause": 'Prevention har uppmärksammat en lucka i informationsdelningen organisationer mellan i det operativa.  Kan förbättras kring gemensamt arbete mot ungdomar i riskzon.',
                "measure": 'Nätverksmöte som sker på skola för att nå alla organistioner. Skola, fältare, polis, socialtjänst m.m.',
                "goal": 'Undersöka om nätverksmöte på skola är en lösning.',
                "timing": 'Thor sammanfattar ett förslag för vidare behandling.',
                "owner": 'Thor Löfgren',
                "followups": ['', '', 'Thos sammanställer en plan för hur vi kan gå vidare. Socialtjänst lyfter i sin orgatniation. Om möjlig medverkan.'],
            },
            # row 11
            {
                "problem": 'Förslag nya åtgärder 2025',
                "cause": 'Behov av att nå fler barn genom tidig upptäckt',
                "measure": '',
                "goal": '',
                "timing": '',
                "owner": '',
                "followups": ['', '', ''],
            },
            # row 12
            {
                "problem": SAME,
                "cause": 'Ökad andel unga brottsoffer som inte anmäler.',
                "measure": '',
                "goal": '',
                "timing": '',
                "owner": '',
                "followups": ['', '', ''],
            },
        ],
    },
    # Sheet 2: one problem cell "Otrygga och brottsutsatta platser" merged over all nine
    # rows. Cause 1 ("Södermalms har tre öppna drogscener ...") merged over rows 0-7,
    # cause 2 ("Slussen ...") on row 8 only. Nine measures. Several rows lack cells:
    # row 0 has goal "Inleda fysiska möten, med start i mars" (too wide for the narrow När
    # column, so it is the goal) but no timing/owner; row 1 ("Kristoffer") no timing;
    # row 3 no owner; rows 4 (Trygghetsvandring) and 5 (BRÅ-pengar) have only a measure
    # and a follow-up. A page break falls between rows 4 and 5.
    {
        "name": '2. Otrygga brottsutsatta plats ',
        "title": 'Otrygga och brottsutsatta platser',
        "followup_headers": ['Uppföljning'],
        "rows": [
            # row 0
            {
                "problem": 'Otrygga och brottsutsatta platser',
                "cause": 'Södermalms har tre öppna drogscener, där vuxna med ett långt gånget blandmissbruk utgör en central målgrupp. Problematiken handlar om sådant som både kan uppfattas som följder av missbruk; stölder, våld och ordningsstörningar, men också ren otrygghetsproblematik; att bevittna missbruk, att möta missbrukare på daglig basis, samt at se rester av missbruk, såsom nålar,  folie och annat. Samtliga åtgärder har bäring på dessa problem och särskilt fokus är det på de öppna drogscenerna; västra och centrala Södermalm.',
                "measure": 'En synkning av arbetet på dessa platser, där polis och stad kan hitta områden där samhandling kan ske. Titta på återkommande frågor, såsom; Vad behöver samplaneras? Vilken typ av information kan delas för att skapa ett årshjul eller liknande? Kunskapsspridning. Skapa en referensgrupp utifrån åtgärder som måste göras, där man tittar på ett utvalt område.',
                "goal": 'Inleda fysiska möten, med start i mars',
                "timing": '',
                "owner": '',
                "followups": [''],
            },
            # row 1
            {
                "problem": SAME,
                "cause": SAME,
                "measure": 'Förbättra arbetet kring strategisk tillståndsgivning, både vad gäller att aktivera en plats, men även för att tillse att aktörer som riskerar att försämra trygghet, hänvisas till annan plats.',
                "goal": 'Från polisiärt håll, mer strategisk tillståndsgivning. Från TK-håll/Hurbertsson - försöka få aktörer till platser där behov finns.',
                "timing": '',
                "owner": 'Kristoffer',
                "followups": [''],
            },
            # row 2
            {
                "problem": SAME,
                "cause": SAME,
                "measure": 'Förbättra arbetet kring fastighetsägare av publika miljöer, hur kan man bättre skydda brottsutsatta?',
                "goal": 'Få igång ett ordenligt projekt, som drivs av boende och verksamheter på Magnus Ladulåsgatan.',
                "timing": 'Workshop utifrån samma upplägg som med Publica. Detta kommer att hållas i maj',
                "owner": 'Peter, Sara och Malin',
                "followups": [''],
            },
            # row 3
            {
                "problem": SAME,
                "cause": SAME,
                "measure": 'Workshops kring utsatta platser, med aktörer från andrar förvaltningar oc bolag, men som har bäring på en viss plats.',
                "goal": 'Tvärbelysa, analysera samt titta på orsaker till problem - området kring Rosenlunds Systembolag, Maria ÖDS',
                "timing": 'Under våren 2025',
                "owner": '',
                "followups": ['Denna workshop kommer att äga rum under våren 2025'],
            },
            # row 4
            {
                "problem": SAME,
                "cause": SAME,
                "measure": 'Trygghetsvandring med deltagare från stad och polis',
                "goal": '',
                "timing": '',
                "owner": '',
                "followups": ['En inbokad runt Bjälbogatan, mitten av mars.'],
            },
            # row 5
            {
                "problem": SAME,
                "cause": SAME,
                "measure": 'Hur använda kompetensutvecklingspengar från BRÅ koplat till arbetet med utsatta platser.',
                "goal": '',
                "timing": '',
                "owner": '',
                "followups": ['TK var initiativtagare, blev dock inget under 2025, fokus på andra platser i staden. Denna punkt stryks tills vidare.'],
            },
            # row 6
            {
                "problem": SAME,
                "cause": SAME,
                "measure": 'Aktivering av Tanto och Medis under sommar',
                "goal": 'Aktivering utifrån samma koncept som tidigare',
                "timing": 'Sommar 2025',
                "owner": 'Sara och Malin',
                "followups": ['Aktiveringen sker i linjen'],
            },
            # row 7
            {
                "problem": SAME,
                "cause": SAME,
                "measure": 'Möte enligt "effektiv samverkan-upplägg" på västra Södermalm och på centrala Södermalm',
                "goal": 'Ett möte utifrån koncepetet "effektiv samverkan" kommer att starta på centrala Södermalm',
                "timing": 'Oklart när detta kommer igång, ligger just nu hos polisen.',
                "owner": 'Jan',
                "followups": [''],
            },
            # row 8
            {
                "problem": SAME,
                "cause": 'Slussen kommer att färdigställas inom några år, men redan det här året kommer några delar att färdigställas, där det finns en del utmaningar att hitta lösningar på, för att undvika att platsen blir otrygg.',
                "measure": 'Inleda en samverkan utifrån ett trygghetsperspektiv. Belysa sådant som går/bör åtgärdas.',
                "goal": 'Gemensam samverkanslokal i Slussenområdet. Publica work shop. Alkoholförbud.',
                "timing": 'Möten löpande under våren.',
                "owner": 'Peter',
                "followups": [''],
            },
        ],
    },
    # Sheet 3: six problems, one cause each. "Otillåten påverkan": problem and cause merged
    # over five measure rows (rows 0-4, SAME on rows 1-4); goals/owners there are separate
    # cells (owner text "Arbetsgruppen påbörjar ..." is repeated five times; by width it is
    # the narrow Vem column, not a follow-up). No follow-up text on this sheet. Numbered
    # items inside cells (1., 2., ... 5.) are separated by "\n".
    {
        "name": '3. Systemhotande brottslighet',
        "title": 'Systemhotade brottslighet',
        "followup_headers": ['Uppföljning'],
        "rows": [
            # row 0
            {
                "problem": 'Otillåten påverkan',
                "cause": 'Trots tidigare bedömning och beslut att slussa ut arbetet i linjen blev frågan högaktuell igen på årets första arbetsgruppsmöte. Antalet IA-anmälningar ökar konstant och det har visat sig vara svårt att nå ut med information och den förvaltningsövergripande vägledningen. Arbetet med otillåten påverkan och nya åtgärder fortsätter därför 2025',
                "measure": 'Ta fram informationsmaterial till chefer, medarbetare och brukare om förvaltningens rutiner och arbetssätt mot otillåten påverkan och vad hen kan förvänta sig. Inkludera det även i introduktionsutbildningar inom förvaltningen.',
                "goal": 'Informationsmaterial är framtaget och spritt till chefer och nyckelpersoner',
                "timing": 'Under 2025',
                "owner": 'Arbetsgruppen påbörjar arbetet tillsammans och delegerar uppdrag och kopplar in HR igen',
                "followups": [''],
            },
            # row 1
            {
                "problem": SAME,
                "cause": SAME,
                "measure": 'Ta hjälp av förvaltningens kommunikatörer för att nå ut med information i olika kanaler inom förvaltningen.',
                "goal": 'Kommunikatörerna har varit behjälpliga med att nå ut med informationen',
                "timing": 'Under 2025',
                "owner": 'Arbetsgruppen påbörjar arbetet tillsammans och delegerar uppdrag och kopplar in HR igen',
                "followups": [''],
            },
            # row 2
            {
                "problem": SAME,
                "cause": SAME,
                "measure": 'Revidera rutin för polisanmälan för såväl otillåten påverkan som hot, och hot om våld.',
                "goal": 'Rutinen är reviderad och testad.',
                "timing": 'Under 2025',
                "owner": 'Arbetsgruppen påbörjar arbetet tillsammans och delegerar uppdrag och kopplar in HR igen',
                "followups": [''],
            },
            # row 3
            {
                "problem": SAME,
                "cause": SAME,
                "measure": 'Tydliggöra IA-processen och se över rutiner och stödmaterial inklusive kopplingen till SAM, systematiskt arbetsmiljöarbete (ink HR). Vem gör vad, när, hur etc. Fortsätta utforska möjligheten att koppla till förvaltningens avvikelseprocess där IA ingår.',
                "goal": 'IA-processen är tydliggjord.',
                "timing": 'Under 2025',
                "owner": 'Arbetsgruppen påbörjar arbetet tillsammans och delegerar uppdrag och kopplar in HR igen',
                "followups": [''],
            },
            # row 4
            {
                "problem": SAME,
                "cause": SAME,
                "measure": '1. Ta del av lagförslag om "Ett starkare skydd för offentliganställda mot våld, hot och trakasserier m.m." https://www.regeringen.se/rattsliga-dokument/lagradsremiss/2025/02/ett-starkare-skydd-for-offentliganstallda-mot-vald-hot-och-trakasserier-m.m, och som föreslås träda i kraft 2 juli.\n2. Utforska vilka andra förutsättningar lagen kan ge i arbetet om och när den träder i kraft och då komplettera åtgärdsplanen med  aktiviteter och mål.',
                "goal": '1 & 2. Arbetsgruppen har tagit del av lagförslaget och utforskat nya möjligheter samt kompletterad åtgärdsplanen.',
                "timing": 'Höst/vinter 2025',
                "owner": 'Arbetsgruppen påbörjar arbetet tillsammans och delegerar uppdrag och kopplar in HR igen',
                "followups": [''],
            },
            # row 5
            {
                "problem": 'Informationsöverföring',
                "cause": 'Såväl informationsöverföring som informationsdelning är utvecklingsområden. Lagstiftning styr samtidigt som polisanmälningar ofta saknas. Polisen har ett underskott på information om välfärdsbrott. Rutin om informationsöverföring finns för polis och statliga myndigheter. T.ex. kan polisen maila misstanke om bidragsfusk och brott till Försäkringskassans funktionsbrevlåda.',
                "measure": '1. Testa nya rutinen för informationsöverföring från polis till förvaltning. Ingången till förvaltningen går genom sociala avdelningen för att säkerställa  skydd av barn som är i behov av det. Polisen arbetar treskift och företrädesvis natt inom aktuella riskområden. Sociala avdelningen å sin sida arbetar dagtid vilket komplicerar överföringen.\n2. Utforska möjligheterna för digital informationsöverföring (se även stadens arbete om samordnad tillsyn nedan).',
                "goal": '1. Rutinen är testad och återkopplad till förvaltningsledningen.\n2. Möjligheten för digital informationsöverföring är utforskad.',
                "timing": 'April-maj 2025',
                "owner": 'Säkerhets-samordnare, kommunpolis och andra berörda poliser',
                "followups": [''],
            },
            # row 6
            {
                "problem": 'Välfärdsbrott generellt',
                "cause": 'Staden kraftsamlar mot välfärdsbrott och samtliga förvaltningar och bolag arbetar aktivt i löpande verksamhet för att motverka välfärdsbrottslighet. I arbetet ingår att se över rutiner, säkerställa kontrollmekanismer, minska antalet underleverantörer, upprätta egen kapacitet och rådighet för att motverka välfärdsbrott. (Källa: Intranätet)\nStadens nya utbildning om välfärdsbrott https://utbildning.stockholm.se/course/view.php?id=2988 på intranätet är ett sätt att öka kunskapen.',
                "measure": 'När nämnden har godkänt förslag till åtgärdsplan delas beslut med alla chefer som förmedlar uppdraget till sina medarbetare',
                "goal": 'Alla medarbetare i förvaltningen har genomfört stadens utbildning om välfärdsbrott. Möjligheten till uppföljning genom registrering i intranätets utbildningsportal är utforskad.',
                "timing": 'Under 2025',
                "owner": 'Alla anställda inom förvaltnignen',
                "followups": [''],
            },
            # row 7
            {
                "problem": 'Välfärdsbrott - samordnad tillsyn och API',
                "cause": 'Kommunstyrelsen leder utvecklingsprojektet med samordnad tillsyn i syfte att förebygga, upptäcka och hantera välfärdsbrott, initiera arbete med samordnad tillståndsprocess samt genomföra förstudie för digitalt informationsdelningssystem inom tillståndsgivning och tillsynsarbete. Berörda stadsdelsnämnder ska ingå i arbetet med samordnad tillsyn genom projektet Gemensam tillsyn som leds av kommunstyrelsen i syfte att förebygga, upptäcka och hantera välfärdsbrott. (Källa: Budget 2025)\nEtt motsvarande arbetssätt  för polisen att komma åt den kriminella ekonomin och svarta pengar är ArbetsPlatsInspektion, API. Den genomförs med utgångspunkt i information om oegentligheter inom respektive myndigheter eller tips som inkommit till polis. API kan ske både på plats i verksamheten och administrativt. Det kan handla om arbetsgivare som inte följer de regler som finns och på så vis hotar konkurrens, inte följer lagstiftning om arbetstagares rättigheter på arbetsplatsen gällande t.ex. lön, dygnsvila. Det kan även handla om att uppdrag inom ramen för olika avtal inte genomförs.',
                "measure": '1. Delta i stadens arbete med samordnad tillsyn inom de områden som berör förvaltningens uppdrag.\n2. Utforska intresse och möjligheter för API och samordnad tillsyn med Äldreförvaltningen. Ta fram ett urval och från det göra stickprov om det finns "anledning att anta"  välfärdsbrott och genomföra samordnad tillsyn och API.',
                "goal": '1. Delta i samordnad tillsyn vid förfrågan\n2. Utforska och genomföra två (2) API',
                "timing": 'Under 2025 när förfrågan kommer och möjlighet finns',
                "owner": '1. Kommunpolis, säkerhets-samordnare, trygghets-samordnare samt andra ev  berörda funktioner beroende på tillsynsområde\n2. Kommunpolis, verksamhets-controller, samordnare vuxen, säkerhets-samordnare, trygghets-samordnare samt andra ev  berörda funktioner',
                "followups": [''],
            },
            # row 8
            {
                "problem": 'Välfärdsbrott - avtal och avtalsuppföljning',
                "cause": 'I nämndens verksamhetsplan ingår prioriterade aktiviteter som insatser för att stärka uppföljning och kontroll av externa leverantörer. Det sker t.ex. genom att förvaltningen utvecklar uppföljningen av kvalitet inom entreprenader och prioriterade avtal.',
                "measure": '1. Föreläsning för gemensam och ökad kompetens om avtal och avtalsuppföljning. Utforska möjligheterna till föreläsning av Serviceförvaltningen och ha med egna exempel från förvaltningen för diskussion.\n2. Kartläggning av vad som görs idag och som ska göras inom ramen för avtal och avtalsuppföljning. Inkluderar även kartläggningar av riskområden och var fördjupade kontroller bör ske.\n3. Fastställa vilka bakgrundskontroller som ska genomföras och av vem samt vad som ska ingå för olika företagsformer, organisationer, stiftelser etc. inklusive små respektive stora företag och på viken nivå i bolaget som kontrollen ska ske.\n4. Workshop om vad som ska kontrolleras och hämtas in från Upplysningscentralen, UC, mm för de som gör företagskontroller i avtalsuppföljningar för ett enhetligt arbetssätt av kontroll och granskning samt i vilket syfte kontroll sker.\n5. Utforska möjligheten att gå från LoV (Lagen om Valfrihetssystem) till LoU (Lagen om offentlig Upphandling), där det finns andra möjligheter att både förebygga och agera vid välfärdsbrott.',
                "goal": '1. Föreläsning är genomförd\n2. Förväntat resultat enligt VP: Prioriterade avtal följs upp (från nämndens VP. De prioriterade avtalen är de som ingår i stadens övergripande projekt d.v.s. hemtjänst, lokalvård, HVB-hem, personlig assistens och daglig verksamhet. Förvaltningen ingår i projekten med hemtjänst och lokalvård).\n3. Förvaltningsövergripande kartläggning med aktuella riskområden är genomförd\n4. Workshop är genomförd och en förvaltningsövergripande rutin och arbetssätt för avtalsuppföljningar tas fram utifrån den\n5. Möjligheten att gå från LoV till LoU är utforskad.',
                "timing": 'Under 2025',
                "owner": 'Säkerhetssamordare, upphandlare, verksamhets-samordnare',
                "followups": [''],
            },
            # row 9
            {
                "problem": 'Upphandling',
                "cause": 'Förvaltningen utvecklar arbetetet med att förebygga och förhinda välfärdsbrott inom upphandling och tilldelning av kontrakt till oseriösa aktörer genom att börja använda den nationella varningslistan, "Kapitel 13".\nKapitel 13 är en digital tjänst som ger beslutsstöd vid upphandling. Specifikt hjälper tjänsten upphandlare att utreda om en organisation som lämnar anbud i en offentlig upphandling är ”oseriös” på ett sådant sätt att företaget bör uteslutas ur upphandlingen. Tjänsten är helt baserad på de sk uteslutningsgrunderna som beskrivs i LOU, Lag (2016:1145) om offentlig upphandling, 13 Kapitlet (www.kapitel13.se)\nGenom samarbete och dela erfarenheter och information om oseriösa aktörer kan förvaltningen förebygga och förhindra välfärdsbrott.',
                "measure": 'Förvaltningen kommer under 2025 börja använda tjänsten "Kapitel 13" innan tilldelning av kontrakt. Tjänsten Kapitel 13 utgår från ett organisationsnummer för att kontrollera om företaget och dess företrädare förekommer i en rättsdatabas som innehåller komplett rättsdata från alla Sveriges domstolar (Allmänna domstolar, Förvaltningsdomstolar och Specialdomstolar).\nI tjänsten "Kapitel 13" kontrolleras VD, styrelsemedlemmar, verkliga huvudmän (d.v.s den eller de personer som ytterst äger eller kontrollerar ett företag eller förening) och registrerade företrädare (firmatecknare). Offentliga upphandlare kan också ansöka om att registrera bolag på varningslistan utifrån att de har uteslutits enligt de frivilliga uteslutningsgrunderna (LOU 13 Kapitlet, §3) för att öka samarbetet mot Välfärdsbrott mellan offentligt upphandlade myndigheter.',
                "goal": 'De som har i uppdrag att upphandla tjänster och/eller tilldela kontrakt har tillgång till och börjar använda tjänsten "Kapitel 13".',
                "timing": 'Under 2025 så snart access finns och upphandling/ tilldelning av kontrakt är aktullt',
                "owner": 'De som har i uppdrag att upphandla tjänster och/eller tilldela kontrakt inom förvaltingen.',
                "followups": [''],
            },
        ],
    },
    # Sheet 4: DEVIATION FROM THE BRIEF. "Våld i nära relation" cannot be a problem cell
    # merged over the rows below it: "Våldsutövare", "Våldsutsatta", "Barn" sit in column A
    # themselves (the texts beside them are, by wrap width, the cause column), and
    # "Våld i nära relation" stands on a line above the first row. Likewise
    # "Äldre/åldringsbrott" stands above the A text "Bedrägerier riktat mot äldre personer,
    # som finns i ...". The Analysflik (= COUNTA) says 9 problem cells, which is reached
    # only if these two headings are cells of their own; and in the extraction order
    # (cells row by row, left to right) each heading comes before the A cell of the next
    # row, i.e. it sits in a row of its own. So they are transcribed as heading rows 0
    # and 7 (problem only, every other cell empty). Alternative reading
    # (if the tests want it): fold them into the next row's problem as
    # "Våld i nära relation\nVåldsutövare" and "Äldre/åldringsbrott\nBedrägerier ...".
    # Rows 4-5: problem "Kunskapshöjande insatser ..." and cause "Kunskapsnivån ..." merged
    # over two measures (SAME on row 5; probably blank cells rather than merged ones, as
    # the texts come first in row order), giving 7 causes as in the Analysflik. Row 4's
    # goal is three paragraphs in ONE cell (blank lines in the extraction), joined with
    # "\n": they are printed between the measure and the timing, which would not be the
    # case if they were three rows under merged measure/timing/owner cells. Row 5's
    # measure cell holds two sentences separated by typed spaces ("\n").
    # Row 6 (Islandsmodellen) measure repeats the info-film text: kept as in the source.
    {
        "name": '4. Särskilt utsatta sårbara',
        "title": 'Särskilt utsatta och sårbara brottsoffer',
        "followup_headers": ['Uppföljning'],
        "rows": [
            # row 0
            {
                "problem": 'Våld i nära relation',
                "cause": '',
                "measure": '',
                "goal": '',
                "timing": '',
                "owner": '',
                "followups": [''],
            },
            # row 1
            {
                "problem": 'Våldsutövare',
                "cause": 'Mäns våld mot kvinnor är ett stort samhällsproblem som får stora konsekvenser. För att kunna stoppa våldet behöver vi nå fler våldsutövare.',
                "measure": 'Vid frihetsberövande och eller förhör erbjuds våldsutövaren motiverande samtal med socialsekreterare i syfte att få våldsutövaren att ta emot behandling. Våldsutövare har möjlighet till motivationssamtal även om de inte är frihetsberövade då socialsekreterarna alltid har möjlighet att ge motiverande samtal. Rutiner ska tas fram för att öka antalet våldsutövare som socialsekreterarna får kontakt med genom polisen. Detta ökar även möjlighet för socialsekreterare hos polis att motivera våldsutövaren att ta emot stöd.',
                "goal": 'Alla våldsutövare ska erbjudas motiverande samtal med socialsekreterare. Under 2025 kommer rutiner kring överföring från polis till socialsekreterare arbetas fram, med målsättning att fler tar emot stöd.',
                "timing": 'Pågår i linjearbete under året.',
                "owner": 'Polisen har ett ansvar att motivera våldsutövaren till samtal med socialsekreterare, socialsekreterare har ett ansvar att vara tillgänglig samt genomföra motiverande samtal. Rutiner tas fram i den operativa samverkansgruppen kopplad till separat överenskommelse mellan stadsdelar och polis avseende bland annat socialsekreterare hos polis.',
                "followups": [''],
            },
            # row 2
            {
                "problem": 'Våldsutsatta',
                "cause": 'Våld i nära relation och våldsutsatthet innebär stort lidande för den utsatta samt är ett samhällsproblem',
                "measure": 'Polisen motiverar den våldsutsatta till samtal med socialtjänsten, detta kan ske innan polisanmälan, under utredningstid samt efter handläggning hos polisen. Socialsekreterare stöttar och motiverar den våldsutsatta att göra anmälan samt stå för sin anmälan under hela processen. Under 2025 ska man ytterligare utveckla operativ samverkan på plats mellan polis och socialsekreterare hos polis och utveckla rutiner vid behov. BIN och RVCi ska fortsatt ha avstämningsmöten kontinuerligt.\nUnder 2025 ska man se över fysisk placering av socialsekreterare hos polis och överväga att finnas på plats på fler poliskontor.',
                "goal": 'Alla våldsutsatta man kommer i kontakt med erbjuds stöd och motiverande samtal. Fler våldsutsatta tar emot erbjudande om stöd.',
                "timing": 'Pågår i linjearbete under året.',
                "owner": 'Polisen har ett ansvar att motivera den våldsutsatta till samtal med social sekreterare, socialsekreterare har ett ansvar att vara tillgänglig samt genomföra motiverande samtal och stötta den våldsutsatta i kontakten med polisen. Rutiner tas fram i den operativa samverkansgruppen kopplad till separat överenskommelse mellan stadsdelar och polis avseende bland annat socialsekreterare hos polis, samt rapporteras till styrgrupp. Där ser man även över fysisk placering av medarbetare.',
                "followups": [''],
            },
            # row 3
            {
                "problem": 'Barn',
                "cause": 'Barn som lever i och som växer upp i familjer där det förekommer våld är en särskilt utsatt målgrupp som riskerar att fara illa och utvecklas negativt.',
                "measure": 'När vi träffar våldsutövare och våldsutsatta ställer vi frågor om det finns barn i deras närhet. Ansvarig från polis, operativ koordinator, och socialtjänst, chef för RVCI, samverkar för att skapa förutsättningar för operativ samverkan där goda exempel kan vara vägledande.',
                "goal": 'Fråga om barn ställs vid kontakter med våldsutövare och våldsutsatta hos polisen i högre utsträckning.',
                "timing": 'Pågår i linjearbete under året.',
                "owner": 'I den dagliga samverkan mellan socialsekreterare och polis säkerställer vi att frågan om barn ställs till de våldsutsatta samt våldsutövarna. På aggregerad nivå följs detta i en statistikfil som fylls i av socialsekreterare hos polis i samtliga ärenden, och lyfts i den operativa samverkansgruppen kopplad till separat överenskommelse mellan stadsdelar och polis avseende bland annat socialsekreterare hos polis, samt rapporteras till styrgrupp',
                "followups": [''],
            },
            # row 4
            {
                "problem": 'Kunskapshöjande insatser internt-externt samt information till målgrupperna',
                "cause": 'Kunskapsnivån om våld i nära relation behöver höjas. Internt kan det handla om information till varandra om respektive verksamhets metoder och arbetssätt, polis-socialtjänst. I samhället behöver medvetenheten och anmälningsbenägenheten öka. Berörda behöver ökad kunskap om våld och stöd.',
                "measure": 'Internt arbetar vi med informationstillfällen för att effektivisera samverkan.  Utåtriktat mot medborgare arbetar vi tillsammans med "Insats sluta slå", mot bakgrund av det arbete som gjordes 2024. Under 2025 kommer vi att slutföra gemensamt material för att sprida information om våld samt om vårt gemensamma arbete för de våldsutsatta vi möter, ta fram likvärdigt för våldsutövare och se över behov av barnanpassat material.',
                "goal": 'Fortsätta kunskapsdelning/informationsspridning\nUtvärdera Sluta slå 2024, göra ytterligare gemensamt arbete 2025.\nGöra klart broschyr till våldsutsatta, ta fram även för våldsutövare, se över om behov finns för barnanpassat material.',
                "timing": 'Broschyr till våldutsatta färdigställs under våren och börjar användas. Övriga informationmaterial förarbetas under våren. Insats "Sluta slå" förbereds och sker under hösten.',
                "owner": 'Polis och socialtjänst har gemensamt ansvar. Arbetet koordineras och följs primärt upp i den operativa samverkansgruppen, lägesrapport till SÖK SUB VINR-arbetsgruppen.',
                "followups": [''],
            },
            # row 5
            {
                "problem": SAME,
                "cause": SAME,
                "measure": 'Ge möjlighet till kunskapshöjning om våld i nära relation till medarbetare i kommunala grundskolor.\nTa fram lokal info-film eller workshop-underlag att erbjuda all kommunal skolpersonal i samarbete med utbildnings-förvaltningens samordnare.',
                "goal": 'Alla kommunala grundskolor erbjuds lokal info-film eller workshop-underlag',
                "timing": 'Workshopen kommer att erbjudas vid ”En vecka fri från våld”/”Sluta slå-veckan”',
                "owner": 'Polis och socialtjänst ansvarar för att ta fram material, Utbildningsförvaltningen ansvarar för att det kan komma medarbetare vid kommunala grundskolor på Södermalm till del.',
                "followups": [''],
            },
            # row 6
            {
                "problem": 'Islandsmodellen',
                "cause": 'Barn som lever i och som växer upp i familjer där det förekommer våld är en särskilt utsatt målgrupp som riskerar att fara illa och utvecklas negativt. I akuta situationer är det viktigt att socialtjänst och polis samverkar.',
                "measure": 'Ta fram lokal info-film eller workshop-underlag att erbjuda all kommunal skolpersonal i samarbete med utbildningsförvaltningens samordnare. Workshopen kommer att erbjudas vid ”En vecka fri från våld”/”Sluta slå-veckan”',
                "goal": 'Vid akut ingripande kontaktar polisen socialtjänsten när det finns barn närvarande och socialtjänsten kommer till platsen. Fler Islandsärenden under 2025.',
                "timing": 'Pågår i linjearbete under året.',
                "owner": 'Ingripandepolis kontaktar socialtjänsten och informerar om situationen, socialtjänsten gör skyddsbedömning gällande barn/en och kommer ut till platsen om ingen annan bedömning görs. Primärt sker uppföljning med socialjouren som samordnar implementering och uppföljning av Islandsmodellen över hela staden. Resultat följs och utvärderas i den operativa samverkansgruppen samt rapporteras till styrgrupp.',
                "followups": [''],
            },
            # row 7
            {
                "problem": 'Äldre/åldringsbrott',
                "cause": '',
                "measure": '',
                "goal": '',
                "timing": '',
                "owner": '',
                "followups": [''],
            },
            # row 8
            {
                "problem": 'Bedrägerier riktat mot äldre personer, som finns i stadsdelens verksamheter. Kunskap kring bedrägerier hos och kring äldremålgruppen.',
                "cause": 'Bedrägerier i hemmet, på nätet och exempelvis vid bankomater är ett problem som ofta kan drabba äldre personer då kriminella utnyttjar de äldres utsatthet. Polis och Stadsdelsförvaltning har uppmärksammat att många äldre blir drabbade.',
                "measure": 'Polisen erbjuder föreläsningar och informationsträffar samt har tagit fram informationsmaterial kopplat till bedrägeribrott mot äldre. Polisen erbjuder informationsträffar vid de tillfällen olika verksamheter önskar boka in sig.  Verksamheterna erbjuder lokal för ändamålet samt bjuder in de äldre och anhöriga. Verksamheter med insatser till äldre sprider informationsmaterialet. Materialet behöver ej uppdateras, är välfungerande.\nFortsatt utskick till nya kunder, och lägga till i kvartalsutskick befintliga kunder. Plan att även ge ökad kunskap till medarbetarna inom äldreomsorgen – polisen kan utbilda medarbetare vid APT för hemtjänstmedarbetare som förslag. Polisen tar fram en powerpoint som underlag.',
                "goal": 'Återkommande informationsträffar under 2025. Fler nås av informationen som sprids via stadsdelsförvaltningens verksamheter genom tillägg av kvartalsutskick till befintliga kunder. Medarbetare inom äldreomsorgen ges ökad kunskap för att vara mer uppmärksamma och sprida kunskap vidare till målgruppen.',
                "timing": 'Informationsträffar över året utifrån behovsbedömning och möjlighet. Information sprids till alla nya kunder samt kvartalsvis.',
                "owner": 'Polisen ansvarar för innehållet både för föreläsning samt skriftligt material. Utvecklingsenheten på Äldreomsorgsavdelningen sprider information om föreläsningar samt det skriftliga materialet. Ansvarig chef ute på enheterna ser till att informationen sprids ut i leden.',
                "followups": [''],
            },
            # row 9
            {
                "problem": 'Bedrägerier riktat mot äldre personer, både som finns och inte finns i stadsdelens verksamheter. Kunskap kring bedrägerier hos och kring äldremålgruppen.',
                "cause": 'Problem med bedrägerier drabbar även äldre som inte har insatser eller är aktuella inom stadsdelsförvaltningens äldreomsorg. Fler äldre behöver nås av information i förebyggande syfte.',
                "measure": 'Något större postutskick är övervägt och bedöms ej genomförbart. Lokaltidningarna "Mitt i" och "Sjöstadsbladet" har diskuterats som informationsväg för att nå fler i målgruppen. Polisen har en väletablerad kontakt med ”Mitt i”, har nyligen haft kontakt och resonerar kring att skriva en artikel. Information har gått ut i polisens sociala medier – ska göras mer. Även se över spridning genom förvaltningens instagram eller facebook.\nIdé att vända sig mer till anhöriga för ökad kunskap, detta ses över under året.\nPå förslag finns också att delta i temavecka eller temadag för seniorer gällande brott mot äldre.\nPlanerar att (om resurs finns) delta i seniordagen i Kungsträdgården i maj. Eller anordna eget information i samband med denna.',
                "goal": 'Möjliggöra för fler äldre och anhöriga att nås av information.',
                "timing": 'Återkommande under året, och när evenemang riktade till äldremålgruppen arrangeras. Artikel i Mitt-i planeras våren 2025.',
                "owner": 'Arbetsgrupp SÖK SUB Äldre',
                "followups": [''],
            },
        ],
    },
    # Sheet 5: nine rows, every problem/cause/measure in its own cell (repeated texts not
    # merged): "Avhoppare vuxen", "Avhoppare ungdom", "Våldsbejakande extremism", and six
    # rows repeating the long "Våldsbejakande extremism (förebyggande aktivitet): ..."
    # problem and "Okunskap hos chefer ..." cause. Rows 0-1 have no goal ("ej bestämt" is
    # the timing); row 2 has neither goal nor owner ("2025-03-26" is timing, "Möte med VBE
    # samordnare genomfördes." the follow-up).
    {
        "name": '5. Kriminella miljöer livsstil',
        "title": 'Kriminella miljöer och livsstilar',
        "followup_headers": ['Uppföljning'],
        "rows": [
            # row 0
            {
                "problem": 'Avhoppare vuxen',
                "cause": 'Behov av att enas och sprida rutin för avhoppare',
                "measure": 'Möte med enhetschef och någon av polisens avhopparsamordnare',
                "goal": '',
                "timing": 'ej bestämt',
                "owner": 'Robin/Peter ta kontakt',
                "followups": ['Robin har haft kontakt med verksamhet kring vilka rutiner som finns idag. Vuxen har inga rutiner kring avhoppare.'],
            },
            # row 1
            {
                "problem": 'Avhoppare ungdom',
                "cause": 'Behov av att enas och sprida rutin för avhoppare',
                "measure": 'Möte med enhetschef och någon av polisens avhopparsamordnare',
                "goal": '',
                "timing": 'ej bestämt',
                "owner": 'Robin/Peter ta kontakt',
                "followups": ['Robin har haft kontakt med verksamhet kring vilka rutiner som finns idag. Barn och ungdom har utkast kring rutiner för avhoppare avhoppare.'],
            },
            # row 2
            {
                "problem": 'Våldsbejakande extremism',
                "cause": 'Behov av att diskutera med skolan för att enas om rutiner för informationsöverföring',
                "measure": 'Möte med VBE-samordnare på utbildningsförvaltningen',
                "goal": '',
                "timing": '2025-03-26',
                "owner": '',
                "followups": ['Möte med VBE samordnare genomfördes.'],
            },
            # row 3
            {
                "problem": 'Våldsbejakande extremism (förebyggande aktivitet): Förvaltningens personal rapporterar inte in VBE ärenden/händelser med av.id. blankett. Chefer bedömer att kunskapsnivån är låg',
                "cause": 'Okunskap hos chefer och medarbetare på SDF om VBE och om stadens utbildning och rutiner',
                "measure": 'Besöka arbetsgrupper på förvaltningen, Barn & ungdom',
                "goal": 'Sprida kunskap om: lägesbild, rutiner och var mer kunskap kan inhämtas',
                "timing": '2025-01-24',
                "owner": 'Robin Glad',
                "followups": ['Genomfört, två handläggare drog även ett ärende för kollegor. Mycket uppskattat.'],
            },
            # row 4
            {
                "problem": 'Våldsbejakande extremism (förebyggande aktivitet): Förvaltningens personal rapporterar inte in VBE ärenden/händelser med av.id. blankett. Chefer bedömer att kunskapsnivån är låg',
                "cause": 'Okunskap hos chefer och medarbetare på SDF om VBE och om stadens utbildning och rutiner',
                "measure": 'Besöka arbetsgrupper på förvaltningen, Tjärhovsgatans samlade grupper',
                "goal": 'Sprida kunskap om: lägesbild, rutiner och var mer kunskap kan inhämtas',
                "timing": '2025-05-22',
                "owner": 'Robin Glad',
                "followups": [''],
            },
            # row 5
            {
                "problem": 'Våldsbejakande extremism (förebyggande aktivitet): Förvaltningens personal rapporterar inte in VBE ärenden/händelser med av.id. blankett. Chefer bedömer att kunskapsnivån är låg',
                "cause": 'Okunskap hos chefer och medarbetare på SDF om VBE och om stadens utbildning och rutiner',
                "measure": 'Besöka arbetsgrupper på förvaltningen, Stab & kansli',
                "goal": 'Sprida kunskap om: lägesbild, rutiner och var mer kunskap kan inhämtas',
                "timing": 'datum efterfrågat',
                "owner": 'Robin Glad',
                "followups": [''],
            },
            # row 6
            {
                "problem": 'Våldsbejakande extremism (förebyggande aktivitet): Förvaltningens personal rapporterar inte in VBE ärenden/händelser med av.id. blankett. Chefer bedömer att kunskapsnivån är låg',
                "cause": 'Okunskap hos chefer och medarbetare på SDF om VBE och om stadens utbildning och rutiner',
                "measure": 'Besöka arbetsgrupper på förvaltningen, Område Vuxen Eko',
                "goal": 'Sprida kunskap om: lägesbild, rutiner och var mer kunskap kan inhämtas',
                "timing": 'Genomfördes hösten 2024, plan att genomföra igen hösten 2025',
                "owner": 'Robin Glad',
                "followups": [''],
            },
            # row 7
            {
                "problem": 'Våldsbejakande extremism (förebyggande aktivitet): Förvaltningens personal rapporterar inte in VBE ärenden/händelser med av.id. blankett. Chefer bedömer att kunskapsnivån är låg',
                "cause": 'Okunskap hos chefer och medarbetare på SDF om VBE och om stadens utbildning och rutiner',
                "measure": 'Besöka arbetsgrupper på förvaltningen, Område Vuxen Beroende',
                "goal": 'Sprida kunskap om: lägesbild, rutiner och var mer kunskap kan inhämtas',
                "timing": 'Genomfördes hösten 2024, plan att genomföra igen hösten 2025',
                "owner": 'Robin Glad',
                "followups": [''],
            },
            # row 8
            {
                "problem": 'Våldsbejakande extremism (förebyggande aktivitet): Förvaltningens personal rapporterar inte in VBE ärenden/händelser med av.id. blankett. Chefer bedömer att kunskapsnivån är låg',
                "cause": 'Okunskap hos chefer och medarbetare på SDF om VBE och om stadens utbildning och rutiner',
                "measure": 'Förvaltningsövergripande arbetsgrupp på SDF pratar om lägesbild, rutiner och utveckling av arbete',
                "goal": 'Sprida kunskap om: lägesbild, rutiner och var mer kunskap kan inhämtas',
                "timing": 'Arbetsgruppen träffas 2 ggr/verksamhetsår (2025-04-11+2025-xx-xx)',
                "owner": 'Robin Glad',
                "followups": [''],
            },
        ],
    },
]

# The seed's Analysflik as filed (problems, causes, measures). These equal COUNTA of
# columns A, B and C of each area sheet (merged cell once, repeated text every time).
ANALYSIS_AS_FILED = {
    "Unga i riskzon för destruktivt beteende": (12, 13, 11),
    "Otrygga och brottsutsatta platser": (1, 2, 9),
    "Systemhotade brottslighet": (6, 6, 10),
    "Särskilt utsatta och sårbara brottsoffer": (9, 7, 8),
    "Kriminella miljöer och livsstilar": (9, 9, 9),
    "[Eget prioriterat område]": (0, 0, 0),
}

# Counted from SHEETS (SAME resolved to the text above, whitespace folded):
#   problems = distinct non-empty problem texts;
#   causes   = distinct (problem, cause) pairs with non-empty cause;
#   measures = non-empty measure cells (repeated text in separate rows counts each time).
# Sheet 1: 2 problems ("Unga i riskzon ..." x11 + "Förslag nya åtgärder 2025"), 11 + 2 causes,
#          11 measures (the proposals have none).
# Sheet 2: 1 problem, 2 causes, 9 measures.
# Sheet 3: 6 problems, 6 causes, 10 measures (5 under "Otillåten påverkan").
# Sheet 4: 9 problems (incl. the heading rows "Våld i nära relation" and
#          "Äldre/åldringsbrott"), 7 causes, 8 measures.
# Sheet 5: 4 distinct problems, 4 distinct (problem, cause) pairs, 9 measures
#          (the two identical "Möte med enhetschef ..." cells count twice).
# Measures agree with the Analysflik on every sheet.
EXPECTED_COUNTS = {
    "1. Unga i riskzon": {"problems": 2, "causes": 13, "measures": 11},
    "2. Otrygga brottsutsatta plats ": {"problems": 1, "causes": 2, "measures": 9},
    "3. Systemhotande brottslighet": {"problems": 6, "causes": 6, "measures": 10},
    "4. Särskilt utsatta sårbara": {"problems": 9, "causes": 7, "measures": 8},
    "5. Kriminella miljöer livsstil": {"problems": 4, "causes": 4, "measures": 9},
}

# Rows with a measure but an empty goal/timing/owner (after resolving SAME).
EXPECTED_MISSING = {
    "1. Unga i riskzon": [],
    "2. Otrygga brottsutsatta plats ": [
        (0, "timing"), (0, "owner"),
        (1, "timing"),
        (3, "owner"),
        (4, "goal"), (4, "timing"), (4, "owner"),
        (5, "goal"), (5, "timing"), (5, "owner"),
    ],
    "3. Systemhotande brottslighet": [],
    "4. Särskilt utsatta sårbara": [],
    "5. Kriminella miljöer livsstil": [(0, "goal"), (1, "goal"), (2, "goal"), (2, "owner")],
}
