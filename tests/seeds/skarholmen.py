"""Skärholmen 2025 (year-end follow-up), transcribed from shared/seeds/000_f551a2f309d418ff.txt."""
from tests.seeds.common import SAME

DISTRICT = "Skärholmen"
YEAR = 2025

# Conventions used below: wrapped lines are rejoined with one space (a line wrapped
# after a hyphen, e.g. "SSPF-" + "koordinator", is joined without one); "\n" only
# where the cell evidently has separate items/paragraphs. Authors' typos, double
# spaces inside a line, spaces before punctuation left by formatting runs
# ("SSPF . Underlätta", "Trygga trappan .") and non-breaking spaces (\u00a0)
# are kept as printed. Leading/trailing spaces of each cell are stripped.
SHEETS = [
    # Sheet 1: five data rows, one measure each. Column A is one vertically merged
    # cell "Nyrekrytering av barn och unga till kriminalitet" over all five rows: its
    # text is printed at the end of each page's rows (after row 3 and again after
    # row 4: a page break between rows 3 and 4), so rows 1-4 use SAME for problem.
    # (Assumed the merge starts at row 0; row 0 has no problem text of its own.)
    # The cause "Bland riskfaktorer ..." is printed at the top of both row 1 and
    # row 2, i.e. two separate cells with the same text: written twice, counted once.
    # Row 4 holds four measure lines, a two-line timing and a labelled owner in one
    # row (all printed as single cells, in row order): one measure cell.
    # Judgement calls: the cause of rows 1/2 has a hard line break after
    # "kriminellt beteende" (mid-sentence) -> joined with a space; in row 4's owner
    # the break after "(stadsdelsförvaltningen)" before "i samverkan med" is also
    # mid-phrase -> joined; "\n" kept after the labels "Våldsförebyggande metoder:"
    # and "Kartläggning:" (as for "Sammankallande:" in row 0).
    {
        "name": "1. Unga i riskzon",
        "title": "Unga i riskzon för destruktivt beteende",
        "followup_headers": ["Uppföljning"],
        "rows": [
            # [0]
            {
                "problem": "Nyrekrytering av barn och unga till kriminalitet",
                "cause": "Regeringsuppdrag att inrätta lokal samverkansstruktur med syfte att förebygga och förhindra att barn och unga hamnar i organiserad brottslighet.",
                "measure": "Sätta strukturen för lokalt BOB-råd och kontaktvägar för eskalering av frågor som behöver lyftas till regional och/eller nationell nivå. Polisen och kommunen (främst socialtjänsten) är kärnan. Skolan, första linjens hälso- och sjukvård eller barn- och ungdomspsykiatrin ska också ingå.",
                "goal": "Beslut om hur befintlig samverkan ska kompletteras och förstärkas (BOB-råd) ska fattas innan årets slut.",
                "timing": "Struktur presenteras och beslutas innan årsskiftet.",
                "owner": "Sammankallande:\nKommunpolis (lokalpolisområdet)\nKommunal kontaktperson:\nTrygghetsstrateg (stadsdelsförvaltningen)",
                "followups": ["Organisatoriska förutsättningar för BOB-struktur har undersökts hos alla berörda aktörer. Förslag på BOB-struktar har under året arbetats fram och beslutats om i styrgruppen för SÖK. Den lokala BOB-strukturen avser att förstärka befintliga samverkansstrukturer och innehåller kontaktpersoner från samverkansparterna inklusive Region Stockholm samt tre nivåer för eskalering av samverkansfrågor och identifierade utmaningar kopplat till målgrupp. Vid behov kan information eskaleras vidare till regional nivå. Planering för lokala BOB-rådsmöten har tagits fram."],
            },
            # [1]
            {
                "problem": SAME,
                "cause": "Bland riskfaktorer för att utveckla kriminellt beteende återfinns individuella och familjerelaterade faktorer som t.ex. skolmisslyckanden och relationsproblem i hemmet, men även mer strukturella aspekter som exempelvis tillgång till vapen och narkotika i närområdet. Att från låg ålder exponeras för liknande omständigheter innebär större risk att dras in i kriminalitet.",
                "measure": "Fortsätta utveckla samverkansforum för socialtjänst och polis i syfte att dela operativ lägesbild och samverka kring individer i behov av insatser. Utveckla samverkansforumets syfte, uppdrag och uppföljning. Förtydliga vilka funktioner som ska delta samt deltagande funktioners respektive uppdrag vid mötet.",
                "goal": "Stärka samverkan kring barn och unga i riskzon för kriminalitet och erbjuda och motivera till stöd i tidigt skede.",
                "timing": "Löpande under 2025\nUtvecklad struktur presenteras september 2025.",
                "owner": "Ungdomsamordnare (lokalpolisområdet)",
                "followups": ["Utveckling av samverkansforum för socialtjänst och polis har pågått under året. Fötrydligande av vilka funktioner som ska delta har genomförts. Även forumets innehåll har specificerats och effektiviserats när det gäller uppdrag och uppföljning. Ett möte om utveckling och tydliggörande av rutiner för forumen har genomförst."],
            },
            # [2]
            {
                "problem": SAME,
                "cause": "Bland riskfaktorer för att utveckla kriminellt beteende återfinns individuella och familjerelaterade faktorer som t.ex. skolmisslyckanden och relationsproblem i hemmet, men även mer strukturella aspekter som exempelvis tillgång till vapen och narkotika i närområdet. Att från låg ålder exponeras för liknande omständigheter innebär större risk att dras in i kriminalitet.",
                "measure": "SSPF . Underlätta samverkan genom effektiv mötesstruktur för samtliga tre nivåer. I samverkan skola, socialtjänst, polis och fritid förtydliga rutiner kring det uppsökande arbetet med barn och unga i målgruppen för SSPF.",
                "goal": "Tidigt upptäcka barn och unga i risk att begå brott eller med en begynnande kriminalitet och att fler barn och unga i målgruppen nås med tidiga insatser.",
                "timing": "Löpande under 2025",
                "owner": "Enhetschef Brottsförebyggande enheten (stadsdelsförvaltningen)",
                "followups": ["En positiv utveckling har skett i SSPF:s områdesmöten och antalet SSPF-individ har ökat, i jämförelse med föregående år. Områdes-SSPF behöver fortsatt ses över för att bli mer effektivt. En utmaning har varit att aktualisera individer till SSPF-individ. SSPF-koordinator har löpande under året informerat olika verksamheter om SSPF-individ. Strategisk-SSPF har inte genomförts under 2025. Stadsdelsförvaltningen har gjort en översyn av strukturen för SSPF och kommer under 2026 utveckla arbetet och med fokus på att öka tidiga insatser för barn och unga."],
            },
            # [3]
            {
                "problem": SAME,
                "cause": "Unga insocialiseras av kriminella till olika kriminella upplägg.",
                "measure": "I samverkan mellan fritidsverksamheterna och Polisen upprätta årshjul/gemensam planering för när polis besöker fritidsverksamhet.\nSe över möjligheten till att genomföra strukturerade aktiviteter i samverkan fritidsverksamhet och polis.",
                "goal": "Genom möten med polis ge ungdomar stärkta förutsättningar att få brottsförebyggande information, kunskap om rättsprocesser samt våga polisanmäla brott och vittna.",
                "timing": "Löpande under 2025",
                "owner": "Enhetschef Fritidsgårdar och parklek (stadsdelsförvaltningen) och Ungdomsamordnare (lokalpolisområdet)",
                "followups": ["Årshjul/gemensam planering för besök av Polisen på fritidsverksamheterna är upprättat i samverkan. Under sport-, påsk- och höstlov genomförs \"Fråga Polisen\" på fritidsgårdarna. Besök av Polisen på fritidsgårdarna under sommarlovet planeras separat. Under året har spontana besök av Polisen skett på fritidsgårdar.\u00a0Strukturerade samverkansaktiviteter som exempelvis gemensam närvaro vid platsaktiveringar planeras framåt. Det planeras även för att Polisen ska hålla utbildning/workshop för personalen på fritidsverksamheterna med utgångspunkt i materialet \"Gängsnacket\", som handlar om hur vuxna kan prata med ungdomar om gäng och kriminalitet."],
            },
            # [4]
            {
                "problem": SAME,
                "cause": "Den som utsatts för våld under uppväxten löper en ökad risk att själv begå våldsbrott, och bland de som utsätter andra för våld är män kraftigt överrepresenterade. Det finns koppling mellan maskulinitet, våld och kriminalitet.",
                "measure": "Våldsförebyggande arbete i skola och inom fritidsverksamhet i samverkan.\nVåldspreventiva metoder i kommunala grundskolorna. Minst en grupp/skola under året.\nImplementera MVP Fritid  i den öppna fritidsverksamheten.\nKartlägga befintligt våldsförebyggande arbete samt identifiera samverkansmöjligheter mellan skola och fritid.",
                "goal": "Gemensamt arbeta för att utmana destruktiva manlighetsnormer och ge elever/besökare kunskap kring vad som definierar våld samtidigt som de tränas i att reagera på och emot våldsamma beteenden.",
                "timing": "Löpande under 2025\nKartläggning klar vid årsskiftet.",
                "owner": "Våldsförebyggande metoder:\nEnhetschef Fritidsgårdar och parklek (stadsdelsförvaltningen) i samverkan med grundskolesamordnare (Utbildningsförvaltningen).\nKartläggning:\nPreventionsstrateg (stadsdelsförvaltningen)",
                "followups": ["Det våldsförebyggande arbetet fortgår på skolorna och i fritidsverksamheterna. Några skolor har vidareutvecklat MVP-arbetet. Skolorna arbetar även med  material som handlar om mansnormen, språkbruk, bemötande och normkritik. Därutöver har samtliga skolor ett värdegrundsarbete. Fritidsverksamheterna har implementerat arbetet med MVP fritid. I samband med Trygghetsdagarna 2025 hölls även två föreläsningar, en riktad till vuxna och en till barn och unga (13-19 år) om machokultur av Atilla Yoldas. De kommunala förskolorna har påbörjat en kompetensutvecklingsinsats som är framtagen av Barnafrid (Linköpings universitet) i samarbete med Länsstyrelsen i Stockholm. Målet är att öka pedagogers kompetens att identifiera och bemöta barn som far illa samt att stärka samverkan mellan socialtjänst och förskola."],
            },
        ],
    },
    # Sheet 2: one ÖVERGRIPANDE MÅL note row, then nine data rows.
    # The text is in content-stream order: ordinary cells row by row, merged cells
    # drawn at the end of each page. Pages: p1 = note + row 1; p2 = rows 2-3;
    # p3 = rows 4-6; p4 = rows 7-9.
    # [1]-[2] problem "Nedskräpning och skadegörelse" is merged over rows 1-2 (printed
    #   on p1 and again on p2). The whole measure/goal/timing/owner/follow-up block
    #   ("Initera en arbetsgrupp ..." / "Tyck till-informationskampanj.") is printed
    #   identically twice, at the end of p1 and p2: merged over rows 1-2, so row 2
    #   (cause "Stadsdelsspecifikt ...") has SAME in every field but the cause.
    # [3]-[4] problem "Öppen narkotikahandel" merged over rows 3-4 (printed at the end
    #   of p2 and again at the end of p3), and timing "Löpande under 2025" + owner
    #   "Polisen, Skafast, stadsdelsförvaltningen och Trafikkontoret" likewise merged
    #   over rows 3-4 (printed twice, beside the problem reprint); row 4 has its own
    #   cause, measure, goal and follow-up.
    # Cause cells: each sub-heading ("Stadsdelsområdesövergripande"/"Stadsdelsspecifikt")
    #   and its paragraphs are treated as ONE cell (no other column interleaves
    #   them), paragraphs separated by "\n".
    # Unsure: row 4's measure/goal split ("Sommartorg och Vintertorg ..." and "Se över
    #   ... Äspholmsterrassen." as measure, the two "Påbörjat och genomfört ..." lines
    #   and "Platsanalys ..." as goal: the follow-up answers exactly those two measure
    #   items); row 5's goal starts at "Kartlägga tider och platser ..."; row 8's
    #   measure is "Genom trygghetsvandringar ..." + "Ett arbete initieras ...", goal
    #   "Vår: ...\nHöst: ..." (only two ~30-char columns for three text blocks);
    #   row 6's measure is exactly "Fortsätta arbeta enligt rutin." (its single line is
    #   printed on the same baseline as the goal's first line "Etablera rutin ...").
    {
        "name": "2. Otrygga brottsutsatta plats ",
        "title": "Otrygga och brottsutsatta platser",
        "followup_headers": ["Uppföljning"],
        "rows": [
            # [0]
            {"kind": "note", "label": "ÖVERGRIPANDE MÅL", "text": "Minska ytan för de öppna drogscenerna (i samtliga centrumområden) genom insatser med utgång i att verka för fler invånares upplevda trygghet på platsen."},
            # [1]
            {
                "problem": "Nedskräpning och skadegörelse",
                "cause": "Stadsdelsområdesövergripande\nPolisens trygghetsmätning visar på att nedskräpning påverkar den upplevda tryggheten avsevärt i stadsdelsområdet då denna indikator ligger väldigt högt och har så gjort sedan 2020. En liten minskning har skett från 2020 till senast genomförda mätning 2024, men faktum kvarstår att nedskräpning påverkar helhetsbilden påtagligt.\nI samtliga stadsdelar förekommer klotter och skadegörelse vilket kan skapa en känsla av otrygghet, vilket genom samverkan kan påverkas genom förutsättningar för renhållning. Enligt Polisens trygghetsmätning (2024) är skadegörelse väldigt vanligt förekommande i stadsdelsområdet och påverkar kraftigt den upplevda tryggheten.\nStora utmaningar i samtliga centrumområden med stora mängder lustgastuber.\nTjuvdumpningar är väldigt vanliga i hela stadsdelsområdet. Hushållssopor slängs i offentliga skräpkorgar och felaktigt avfall slängs vid återvinningsstationerna.",
                "measure": "Initera en arbetsgrupp som har fokus på när/var/hur/typ det sker tjuvtippning på karta.\nTyck till-informationskampanj.",
                "goal": "Förbättrad lägesbild för att kunna rikta insatser och öka kunskapen om när/var/hur.\nEtt ökat användande av Tyck till-appen i stadsdelen.",
                "timing": "Mötesserie med en genomförd analys under T2 (maj-aug).\nTvå gånger under 2025 (vår och höst).",
                "owner": "Stadsdelsförvaltningen, Trafikkontoret, Polisen och Skafast",
                "followups": ["En arbetsgrupp med fokus på olovlig dumpning har tillsatts med representanter från stadsdelsförvaltningen, Polisen, Trafikkontoret och Skafast. Under året har arbete skett i olika konstallationer i syfte att skapa förutsättningar för en kartläggning.\nInformationskampanj för Tyck till -appen syftade till att öka användadet av Tyck till-appen i Skärholmens stadsdelsområde. Informationskampanjen genomfördes vecka 43 och vecka 44. Kommunikationsmaterial (riktade annonser, inlägg sociala medier, affischer och vykort) för kampanjen togs fram av Trafikkontoret. Förvaltningen har deltagit i spridning och kommunicering av det framtagna materialet. Vykort skickades till cirka 8000 hushåll i stadsdelsområdet. Trafikkontoret har även under året uppmärksammat Tyck till-appen på Trygghetsdagarna."],
            },
            # [2]
            {
                "problem": SAME,
                "cause": "Stadsdelsspecifikt\nVårberg - Komplex rådighetsbild över markägande.\nSätra - Problem med sopor från näringsidkare utanför Sätra C (Torvsätravägen). Utanför den nedlagda ÅVCn vid Strömsätravägen slängs mycket sopor och det förekommer även tjuvdumpningar.\nSkärholmen - Längs med hela Äspholmsterrassen slängs hushållsopor både i skräpkorgar och på marken, spritflaskor och avföring förekommer ofta. En plats i behov av omsorg. Runt ÅVSer, vid tunneln i anslutning till busstorget förekommer mycket sopor. Kring kullen vid busstorget slängs mycket spritflaskor och cigarettpaket.",
                "measure": SAME,
                "goal": SAME,
                "timing": SAME,
                "owner": SAME,
                "followups": [SAME],
            },
            # [3]
            {
                "problem": "Öppen narkotikahandel",
                "cause": "Stadsdelsområdesövergripande\nPå flertalet adresser i samtliga centrumområden förekommer häng i trapphus, källare och cykelförråd. Ofta med tecken på narkotikaanvändning. En förskjutning av droghandeln kan skönjas från det offentliga rummet till att ske på digitala plattformar, vilket genererar snabbare handel och överlämningar i exempelvis trappuppgångar.",
                "measure": "Utveckla arbetet med Trygga trappan  för att inkludera flera fastighetsägare.\nPlatsaktivering genom stadsdelsförvaltningens mål om - minst - fem aktiveringar per avdelning. Utöver detta uppmanas även samverkanspartners att aktivera det offentliga rummet.",
                "goal": "Fler fastighetsbolag ansluter sig till Trygga trappan .\nFler inrapporteringar till lägebild från fler adresser som är en del av Trygga trappan .\nKartlägga narkotikabeslag för att styra planering av platsaktivering.\nStadsdelsförvaltningen (avd. MSA, SOS, IFF) aktiverar minst fem gånger/avdelning i stadsdelsområdet.\nVerka för att samverkanspartners aktiverar det offentliga rummet, med stöd av processledare för platssamverkan.",
                "timing": "Löpande under 2025",
                "owner": "Polisen, Skafast, stadsdelsförvaltningen och Trafikkontoret",
                "followups": ["Under året har arbetet med Trygga trappan utvecklats genom att fler fastigheter och fastighetsägare har anslutit sig till Trygga trappan.  Under året har det tillkommit två nya fastighetsägare och tre fastigheter (ca 10 flerbostadshus).\nStadsdelsförvalningens mål avseende antal genomförda platsaktiveringar har under året uppnåtts. Under året har samverkansparter löpande uppmuntrats att aktivera. Flertalet fastighetsägare genomför olika former av aktiveringar inom sina bestånd."],
            },
            # [4]
            {
                "problem": SAME,
                "cause": "Stadsdelsspecifikt\nSätra - Sätra centrum förvaltas av konkursförvaltare och befinner sig i en utdragen försäljningsprocess som påverkar flertalet faktorer inom ramen för upplevd trygghet, exempelvis skadegörelse och ordningsstörningar.\nSkärholmen - Kollektiv nod för söderort.\nRådigheten längs med Äspholmsterrassen har länge varit en utmaning.\nExploateringskontoret har nu kartlagt rådigheten över terrassen.",
                "measure": "Sommartorg och Vintertorg i Sätra och Bredäng.\nSe över möjliga insatser och/eller projekt utifrån rådighetskartläggningen av Äspholmsterrassen.",
                "goal": "Påbörjat och genomfört arbete med Galleri Bredäng (trygghetsinvesteringsmedel)\nPåbörjat och genomfört arbete med tunnel i Vårberg (förverkliga Medborgarförslag)\nPlatsanalys av Sätra torg inom ramen för Sommar- och Vintertorg",
                "timing": SAME,
                "owner": SAME,
                "followups": ["Sommartorg i Sätra och Bredäng har genomförts maj till oktober. Vistelsemätning av Sätra torg är genomförd vid fyra tillfällen under sommaren 2025 med anledning av att Sätra är en pilotplats i utvecklandet av sommar- och vintertorg. VIntertorgen etablerades till första advent i Sätra och Bredäng. Den officiella invigningen av stadens torg ägde rum i Sätra i december.\nRådighetsfrågan gällande Äspholmsterassen leds av Stockholmshem. Markförvaltare hos Exploateringskontoret bevakar frågan. Stockholmshem, Trafikkontoret, Exploateringskontoret och Stadsbyggnadskontoret för diskussioner om drift. Arbetet fortlöper under kommande år."],
            },
            # [5]
            {
                "problem": "Ordningsstörningar",
                "cause": "Stadsdelsområdesövergripande\nPolisiär statistik visar på att i samtliga stadsdelar förekommer kriminella aktiviteter och/eller våldsbrott  som påverkar den upplevda tryggheten i området.",
                "measure": "Platsaktivering - möjliggöra för fler aktörer att delta i platsaktivering i samverkan med stadsdelsförvaltningen.",
                "goal": "Kartlägga tider och platser som sticker ut.\nMed gemensamma krafter aktivera fler kapabla väktare.\nKoordinerade aktiveringar av Polisens volontärer, utifrån problembilden.",
                "timing": "Löpande under 2025",
                "owner": "Stadsdelsförvaltningen och Polisen",
                "followups": ["Under året har aktörer i området löpande uppmuntrats att platsaktivera. Efter att ha kartlagt vilka platser och tider där frekvensen av narkotikabrott och våldsbrott är högre har det skapats uppdrag för Polisens volontärer varje vecka för att aktivera fler kapabla väktare i stadsdelsområdet. Volontärerna har tillsammans med samverkanspolisen genomfört olika uppdrag, där större delen av uppdragen har lagts på eftermiddagar och kvällar. Inriktningen har varit trygghetskapade och brottsförebyggande arbete. Både allmänhet och volontärerna har varit positiva till närvaron.\nUtöver dessa tillfällen har volontärerna även getts uppdrag vid olika arrangemang som stadsdelsförvaltningen anordnat/samordnat, som exempelvis Trygghetsdagarna."],
            },
            # [6]
            {
                "problem": "Olovliga bosättningar",
                "cause": "Stadsdelsområdesövergripande\nI stadsdelsområdet förekommer det spår av och högst aktuella bosättningar, både i det offentliga rummet likväl som i park- och skogsmiljöer. Ett av centrumområdena utmärker sig lite mer än andra genom att individer utan stadigvarande bostad uppehåller sig/sover i trappuppgångar. Verksamhet finns centralt i området som samlar personer i utsatthet (hemlöshet/ekonomisk) som ger en påverkan i centrumnära miljöer.",
                "measure": "Fortsätta arbeta enligt rutin.",
                "goal": "Etablera rutin för kontakt med Enheten för hemlösa.\nInga fasta bosättningar.\nFastighetsägare har kunskapen om var de kan vända sig om individer uppehåller sig i exempelvis trapphus.",
                "timing": "Löpande under 2025",
                "owner": "Stadsdelsförvaltningen, Polisen och Skafast",
                "followups": ["Under året har rutin för arbetet kring olovliga bosättningar och personer i hemlöshet etablerats, genom kontakt med Enheten för hemlösa. Berörda aktörer, såsom fastighetsägare och verksamma i stadsdelsområdet känner till att de kan kontakta Enheten för hemlösa vid behov.\nStadsdelsförvaltningen har tillsammans med Polisen arbetat intensivt med att avvärja och städa upp flertalet olovliga bosättningar."],
            },
            # [7]
            {
                "problem": "Samordning av planerade trygghetsinvesteringar",
                "cause": "Det finns behov inom stadsdelsområdets offentliga rum som är kopplade till trygghet och brottsprevention. Stadens nämnder kan ansöka om trygghetsinvesteringsmedel för att möta dessa behov.",
                "measure": "Det är viktigt att de föreslagna ansökningarna och kommande projekt synkroniseras mellan stadsdelsförvaltning och andra nämnder, där Trafikkontoret är särskilt utpekad. Därför ska dessa aktörer samlas för att titta på aktuella behov som skulle kunna mötas av trygghetsinvesteringar eller andra insatser, samt dela information inför kommande ansökningsomgångar.",
                "goal": "Genomförd behovsanalys under våren.\nDela information inför ansökningsomgångar.",
                "timing": "Verksamhets-berättelse 2025",
                "owner": "Trafikkontoret och stadsdelsförvaltningen",
                "followups": ["Under året har arbetssätt för gemensam identifiering av behov och platser för trygghetsinvesteringar utvecklats i samverkan med Trafikkontoret. Polisen har också varit delaktiga genom att bidra med information till problembeskrivningar. Under 2026 kommer processen för ansökningar om trygghetsinvesteringar fortsatt utvecklas i samverkan.\nTrygghetsinvesteringar som genomförts under 2025 och i samverkan mellan Stadsdelsförvaltningen och  Trafikkontoret är \"Vårbergstrappan\" och \"Galleri Bredäng\", som innefattar två tunnlar i centrala Bredäng - den norra tunneln som leder mot Bredängsparken som smyckats med abstrakt konst av feriearbetare handledda av Unga berättar. Den västra  tunneln, mot Idrottsstigen har omdanats i större omfattning med bland annat sju montrar som möjliggör att visa upp konst och en staty som samskapats av konstnär och förskolebarn i Bredäng."],
            },
            # [8]
            {
                "problem": "Utveckla arbetet med trygghetsvandringar",
                "cause": "Skafast tillsammans med stadsdelsförvaltning och Polis har under flertalet år genomfört trygghetsvandringar där den primära målgruppen varit fastighetsägare. Under senhösten 2024 har önskemål formulerats om att se över möjligheterna att ta ett omtag på arbetet med trygghetsvandringar för att inkludera fler röster i stadsdelsområdet.",
                "measure": "Genom trygghetsvandringar dokumenteras platser och utrymmen som för många upplevs som otrygga. I processen ingår att beskriva platsens utmaningar och möjliga lösningar.\nEtt arbete initieras i början av 2025 genom en arbetsgrupp för att se över utmaningar och möjligheter med ett omtag avseende trygghetsvandringarna. Inledningsvis drivs samverkan av Skafast och stadsdelsförvaltningen för att sedan koppla på Polisen och Polisens platskunskaper.",
                "goal": "Vår: Forma en arbetsgrupp och genomföra möten för att blicka framåt.\nHöst: Sätta form, mål och syfte för framtida trygghetsvandringar.",
                "timing": "Löpande under 2025",
                "owner": "Skafast, stadsdelsförvaltningen, Polisen och Trafikkontoret",
                "followups": ["Under våren genomfördes trygghetsvandringar i samtliga fyra stadsdelar i ökad samverkan mellan Skafast, Stadsdelsförvaltningen, Polisen och Trafikkontoret. Åtgärder från vårens trygghetsvandringar har följts upp under hösten. Parallellt med detta har en arbetsgrupp med deltagare från samverkansaktörerna under året tagit fram ett förslag på utvecklat arbetssätt för trygghetsvandringar. Målsättningen har varit att öka delaktighet från boende, besökande och arbetande i området. Förslaget beslutades av strygruppen under hösten och den första trygghetsvandringen enligt nytt arbetssätt genomfördes i slutet av november i Sätra. Det nya arbetssättet innebär bland annat genomförande av en dialog följt av en inventering och stärkt kommunikation i samverkan."],
            },
            # [9]
            {
                "problem": "Utveckla arbetet med platssamverkan",
                "cause": "Samtliga centrumområden är öppna drogscener och två av fyra är/ligger i ett utsatt område.",
                "measure": "Arbetet med Platssamverkan i samtliga centrumområden fortskrider mot att navigera till Stockholm stads modell för platssamverkan, gentemot tidigare upplägg av primär lägesbildsdelning.",
                "goal": "Fler aktörer tar egna initiativ till att aktivera det offentliga rummet.\nVid årets slut har samtliga Platssamverkansforum en vision för centrumområdet.",
                "timing": "Löpande under 2025",
                "owner": "Stadsdelsförvaltningen, Polisen och Skafast",
                "followups": ["Arbete med att förankra stadens modell för platssamverkan i stadsdelsområdets fyra platssamverkansforum har pågått under året. Vision för respektive platssamverkansforum och centrumområde är framtagna under året i samverkan med berörda aktörer. Under årets sista platssamverkansmöten presenterades visionerna.\nUnder årets platssamverkansmöten har även gäster bjudits in löpande i syfte att informera och stärka samverkan inom stadsdelsområdet. Exempelvis har dragningar hållits om det trygghetsskapande och brottsförebyggande arbetet samt nya socialtjänstlagen.\nInom platssamverkan har deltagare löpande uppmuntrats till att aktivera det offentliga rummet och erbjudits stöd i väsentliga delar av arbetet, såsom ansökan om polistillstånd."],
            },
        ],
    },
    # Sheet 3: three data rows. Row 0 has its own problem cell "Oriktiga
    # hyresförhållanden" (printed inline with its cause). "Fördjupa lägesbild
    # välfärdsbrottslighet och otillåten påverkan" is printed after rows 1-2: one
    # merged problem cell over rows 1-2. Rows 1 and 2 have the same goal text, printed
    # in each row: two separate cells, written twice.
    {
        "name": "3. Systemhotande brottslighet",
        "title": "Systemhotade brottslighet",
        "followup_headers": ["Uppföljning"],
        "rows": [
            # [0]
            {
                "problem": "Oriktiga hyresförhållanden",
                "cause": "Oriktiga hyresförhållanden skapas genom avsaknad av formell kontroll och bidrar till en separat ekonomi som göder kriminella aktörer.\nDet skapar även en obalans i bostadsproblematiken vilket i förlängningen stärker tystnadskulturen.",
                "measure": "Genom befintlig arbetsgrupp ta fram arbetsätt för linjearbetet utifrån den nya hyreslagstiftningen.\n- Struktur för samverkan\n- Återtagande av hyresbestånd",
                "goal": "Ha tydliga handlingsplaner och strukturer för samverkan där det är tillämpbart.",
                "timing": "Uppföljning hösten 2025",
                "owner": "Skafast, Polisen och stadsdelsförvaltningen",
                "followups": ["Strukturen för samverkan är tydligjord och ett aktivt arbete kring vidarutveckling av forumet pågår.\nArbetsätt kring den nya hyreslagstiftningen och återtagande av hyresbestånd är framtaget i samverkan.\nInom ramen för arbetsgruppen sker även ett aktivt arbete med gemensam kunskapshöjning i syfte att stärka samverkan och arbetet mot oriktiga hyresförhållanden. Ett exempel är att representant från Skatteverket har bjudits in till forumet för dragning om arbetet mot folkbokföringsbrott."],
            },
            # [1]
            {
                "problem": "Fördjupa lägesbild välfärdsbrottslighet och otillåten påverkan",
                "cause": "Behov av att fördjupa lokal lägesbild gällande välfärdsbrottslighet.",
                "measure": "Stadsdelsförvaltningens enheter ska identifiera de mest betydande riskområdena inom respektive verksamhet för att förebygga, upptäcka och hantera välfärdsbrott. Enheterna ska även bidra med underlag om omfattning och konsekvenser gällande uppmärksammad välfärdsbrottslighet.",
                "goal": "Öka möjligheterna till att vid behov kunna rikta förebyggande åtgärder och se samverkansbehov.",
                "timing": "Löpande under 2025",
                "owner": "Initial arbetsgrupp: avdelningschefer Avd. Ekonomi, lokal och upphandling, Avd. Individ och familj inkl. fritid samt Avd. Stöd och service (stadsdelsförvaltningen)",
                "followups": ["Under året har arbete med att identifiera betydande riskområden genomförts inom stadsdelsförvaltningen. Utmaning finns i att ta fram underlag om omfattning och konsekvenser då rapporteringsgraden är förhållandevis låg. Arbete pågår för att öka rapportringsgrad och för att utveckla samverkan inom området, med framförallt Polisen."],
            },
            # [2]
            {
                "problem": SAME,
                "cause": "Behov av att fördjupa lokal lägesbild gällande otillåten påverkan.",
                "measure": "Analys av stadsdelsförvaltningens inkomna IA-anmälningar gällande otillåten påverkan.",
                "goal": "Öka möjligheterna till att vid behov kunna rikta förebyggande åtgärder och se samverkansbehov.",
                "timing": "Löpande under 2025",
                "owner": "Säkerhetssamordnare (Avd. HR, administation och nämnd, stadsdelsförvaltningen)",
                "followups": ["Arbete behöver göras med mer detaljerad statistikföring i IA för att kunna identifiera mönster och behov. Utmaning finns därför gällande en heltäckande analys.\nStruktur för samverkan mellan stadsdelsförvaltningen och Polisen är upprättad gällande kontaktvägar. Det pågår utvecklingsarbete gällande förebyggande åtgärder mot otillåten påverkan."],
            },
        ],
    },
    # Sheet 4: ten data rows, one measure each, three merged problem cells.
    # Pages: p1 = rows 0-4, p2 = rows 5-7, p3 = rows 8-9 (merged column-A texts are
    # printed at the end of each page). At the end of p1: "Bedrägeribrott mot
    # äldre/funktionsnedsatta" and "Nyrekrytering av personer med funktionsnedsättning
    # till kriminalitet"; at the end of p2: "Nyrekrytering ..." again and "Barn som
    # utsätts för våld och/eller bevittnar våld"; at the end of p3: "Barn ..." again.
    # So Bedrägeribrott = rows 0-3, Nyrekrytering = rows 4-6 (row 4, the staff
    # workshop on recruitment warning signs, must be in it, since that problem has a
    # part on p1), Barn = rows 7-9.
    # The cause "Äldre som drabbas av bedrägeribrott ..." is printed separately in
    # rows 0, 2 and 3 (row 1 has another cause between them): separate cells.
    # Rows 7 and 8 causes differ (row 8 lacks "Finns mörkertal kring problematiken.").
    # "Verksamhetsutvecklare" is followed by a hard break before "(Avd. Stöd och
    # service, ...)" in the owner cells: joined with a space (role + parenthesis).
    {
        "name": "4. Särskilt utsatta sårbara",
        "title": "Särskilt utsatta och sårbara brottsoffer",
        "followup_headers": ["Uppföljning"],
        "rows": [
            # [0]
            {
                "problem": "Bedrägeribrott mot äldre/funktionsnedsatta",
                "cause": "Äldre som drabbas av bedrägeribrott har utmaningar med att följa med i utvecklingen av teknik, kriminella modus och nya sätt att vilseleda.",
                "measure": "Större informationsträffar. Polisens bedrägeribrottssektion bjuds in till stadsdelsförvaltningen. Målgrupp: 65+ (och personer med funktionsnedsättning eller anhöriga)",
                "goal": "Stärka de äldres kunskap om bedrägeribrott.",
                "timing": "2025-04-29\nNovember",
                "owner": "Verksamhetsutvecklare (Avd. Stöd och service, stadsdelsförvaltningen)",
                "followups": ["Informationstillfällen genomförda i samverkan med Polisens bedrägerisektion:\n-Stadsdelsförvaltningens lokaler, riktat till målgrupp 65+, 29 april.\n-Sätraskolans aula, riktat till målgrupp 65+, 12 september.\n-Stadsdelsförvaltningens lokaler, riktat till målgrupp anhöriga, 11 november."],
            },
            # [1]
            {
                "problem": SAME,
                "cause": "Svårigheter att nå ut med information. Det har visat sig vara svårt att nå ut med informationskampanjer och riktad information via sociala medier till målgruppen i stadsdelsområdet.",
                "measure": "Mindre informationstillfällen + quiz, i sammanhang där äldre befinner sig. Polis i samverkan med verksamhetsutvecklare (SDF).",
                "goal": "Stärka de äldres kunskap om bedrägeribrott (med interaktiva tillvägagångsätt).",
                "timing": "Löpande under 2025\nFörsta tillfället inbokat: 2025-05-07 - hemtjänstlunch",
                "owner": "Verksamhetsutvecklare (Avd. Stöd och service, stadsdelsförvaltningen)",
                "followups": ["Mindre informationstillfälle och bedrägerbrotts-quiz genomförda i samverkan:\n-Matlyftslunch inom hemtjänsten\n-Trygghetsdagarna 2025\n-Seniordagarnas samhällsinformationstimmar"],
            },
            # [2]
            {
                "problem": SAME,
                "cause": "Äldre som drabbas av bedrägeribrott har utmaningar med att följa med i utvecklingen av teknik, kriminella modus och nya sätt att vilseleda.",
                "measure": "Intraktivt aktivitet, telefoner med fiktiva \"bluff-sms\". Polis i samverkan med verksamhetsutvecklare (SDF).",
                "goal": "Öva med hjälp av praktiska inslag.",
                "timing": "Trygghetsdagarna\nSeniordagarna",
                "owner": "Verksamhetsutvecklare (Avd. Stöd och service, stadsdelsförvaltningen)",
                "followups": ["Sms och film framtaget gemensamt av Polisen och stadsdelsförvaltningen. Under Trygghetsdagarna 2025 genomfördes aktivitet \"bluff-sms\" ."],
            },
            # [3]
            {
                "problem": SAME,
                "cause": "Äldre som drabbas av bedrägeribrott har utmaningar med att följa med i utvecklingen av teknik, kriminella modus och nya sätt att vilseleda.",
                "measure": "Informationsmaterial delas ut. Viktig information för dig som är äldre , Brottsförebyggande råd från Polisen . Beställarsidan äldre (SDF) i samverkan med Polisen.",
                "goal": "Stärka de äldres kunskap om bedrägeribrott.",
                "timing": "Löpande under 2025",
                "owner": "Verksamhetsutvecklare (Avd. Stöd och service, stadsdelsförvaltningen)",
                "followups": ["Informationsmaterialet\u00a0Viktig information för dig som är äldre , Brottsförebyggande råd från Polisen \u00a0delas ut kontinuerligt av handläggare som träffar äldre i sin yrkesroll."],
            },
            # [4]
            {
                "problem": "Nyrekrytering av personer med funktionsnedsättning till kriminalitet",
                "cause": "Personal har behov av aktuell information gällande varningssignaler vid nyrekrytering till kriminalitet och att lämna en kriminell livsstil.",
                "measure": "Workshop (casebaserat) för beställare och utförare LSS (SDF). Polis i samverkan med områdeschefer och verksamhetsutvecklare (SDF).",
                "goal": "Stärka personalens kunskaper om varningssignaler och att lämna en kriminell livsstil.",
                "timing": "September",
                "owner": "Verksamhetsutvecklare (Avd. Stöd och service, stadsdelsförvaltningen)",
                "followups": ["Casebaserad workshop genomförd i samverkan mellan Polisen och stadsdelsförvaltningen den 5 november. I samband med workshopen har även framtaget material spridits (se åtgärd nedan)."],
            },
            # [5]
            {
                "problem": SAME,
                "cause": "Brottsutsatta saknar kunskap om kriminellas tillvägagångsätt vid nyrekrytering.",
                "measure": "Anpassat material (för personer med funktionsnedsättning) om varningssignaler och lämna en kriminell livsstil. Verksamhetsutvecklare, sociala insatsgrupper (SIG) och daglig verksamhet (SDF) i samverkan med polis.",
                "goal": "Öka möjligheterna till kommunikation med målgrupp om kriminalitet.",
                "timing": "September",
                "owner": "Verksamhetsutvecklare (Avd. Stöd och service, stadsdelsförvaltningen)",
                "followups": ["Material på lättläst\u00a0framtaget (informationsblad, samtalsunderlag med\u00a0bildstöd\u00a0och informationshäfte med stödinsatser).\u00a0Materialt är framtaget i samverkan mellan stadsdelsförvaltningen och Polisen. I materialet finns bland annat kontaktuppgifter till både SIG-samordnare och polisens avhopparsamordnare för att underlätta sömlöst stöd. Samtalsunderlag med bildstöd framtaget för att underlätta dialog om ämnet med målgruppen.\nMaterialt är också delat till skolorna i stadsdelsområdet."],
            },
            # [6]
            {
                "problem": SAME,
                "cause": "Behov av att stärka interna och externa rutiner för hantering av ärenden gällande nyrekrytering av personer med funktionsnedsättning till kriminalitet.",
                "measure": "Se över och vid behov revidera befintliga rutiner gällande samverkan kring målgruppen (t.ex. SIG och kontaktvägar in till Polisen).",
                "goal": "Stärka samverkan gällande målgruppen.",
                "timing": "September",
                "owner": "Verksamhetsutvecklare (Avd. Stöd och service, stadsdelsförvaltningen)",
                "followups": ["Ny rutin\u00a0framtagen\u00a0Misstanke om rekrytering till kriminalitet.\nDen förstärkta samverkan kring målgruppen har i olika sammanhang uppmärksammats under året. Stadsdelsförvaltningen och Polisen har bjudits in till SKR, Socialstyrelsen och Forum Carpe för att informera om samverkansarbetet."],
            },
            # [7]
            {
                "problem": "Barn som utsätts för våld och/eller bevittnar våld",
                "cause": "Våld har komplexa orsaker. Kan skilja sig mellan familjer, individer etc. Finns mörkertal kring problematiken.",
                "measure": "Sommarfrid  och Julfrid . Polis i samverkan med Relationsvåldscentrum (RVC). Knackar dörr tillsammans i syfte att upptäcka fler våldsutsatta och våldsutövare och motivera till stöd på RVC. För våldsutövare en möjlighet till beteendeförändring. För våldsutsatta en möjlighet att bryta upp från våldet och att våldet upphör. Minskat mörkertal är en konsekvens.",
                "goal": "Öka möjligheter för våldsutövare att komma till insikt och förändra sitt våldsbeteende. Öka möjligheter för våldsutsatta att få stöd i sin våldsutsatthet.",
                "timing": "Juni och december",
                "owner": "Enhetschef RVC (Avd. Individ och familj inkl. fritid, stadsdelsförvaltningen)",
                "followups": ["Sommarfrid genomfördes inte. Julfrid genomfördes under december i samverkan."],
            },
            # [8]
            {
                "problem": SAME,
                "cause": "Våld har komplexa orsaker. Kan skilja sig mellan familjer, individer etc.",
                "measure": "Islandsmodellen . Polis i samverkan med Relationsvåldscentrum (RVC) och Barn och Unga (SDF). Gemensamt i hemmet möta den våldsutsatta och eventuella barn som utsatts för våld och/eller bevittnat våld. Risk- och skyddbedömning och bedömning av stödbehov.",
                "goal": "Öka möjligheter att ge information och skyndsamt nå personer som är i behov av stöd. Uppmärksamma barnen. Tillgängliggöra stöd för våldsutsatta och våldsutövare utifrån individuella behov.",
                "timing": "Löpande under 2025",
                "owner": "Enhetschef RVC (Avd. Individ och familj inkl. fritid, stadsdelsförvaltningen)",
                "followups": ["Islandsmodellen är ett implementerat arbetssätt som används i samverkan mellan Polisen, Socialjouren och stadsdelsförvaltningen (genom Barn- och ungdomsenheterna och Relationsvåldscentrum Sydväst)."],
            },
            # [9]
            {
                "problem": SAME,
                "cause": "Våldsutsatt har en beroendeställning gentemot våldsutövare.",
                "measure": "Bryt upp.  Skapa rutiner för samhandläggning när våld upptäcks (SDF). Arbetet innebär bland annat möjligghet för våldsutsatta som saknar stadigvarande boende att få stöd i bostadssituation samt praktiskt stöd i kontakt med andra myndigheter, regionen och i rättsprocessen.",
                "goal": "Öka möjligheter för våldsutsatta att lämna relationen.",
                "timing": "Löpande under 2025",
                "owner": "Enhetschef RVC (Avd. Individ och familj inkl. fritid, stadsdelsförvaltningen)",
                "followups": ["Lokal rutin för samhandläggning inom Bryt upp är framtagen under året i samverkan med alla berörda verksamheter. Under slutet av året höll Relationsvåldscentrum Sydväst utbildning och metodutveckling om våld och Bryt upp för barn- och ungdomsenheterna inom både Skärholmens- och Hägersten- Älvsjös stadsdelsförvaltningar.\nUtöver detta har Relationsvåldscentrum Sydväst även haft utbildningar om våld i nära relation för medarbetare som arbetar inom avdelningen Stöd och service."],
            },
        ],
    },
    # Sheet 5: TWO data rows. Problem "Lämna kriminell livsstil" is printed once at
    # the very end: merged over both rows.
    # Row 0 is one spreadsheet row whose cells each hold several paragraphs: its text
    # comes column by column (all measure paragraphs, then both goals, then four
    # "Löpande under 2025" lines, four identical owners, four follow-ups). Had these
    # been four rows, each one-line timing would be printed on the owner's first
    # line ("Löpande under 2025 Lokalpolisområdet och"), as everywhere else in the
    # file. So the measure cell is one cell (counts once) with "\n" between paragraphs,
    # and timing/owner are the author's repeated lines joined by "\n".
    # "... i syfte att lämna en kriminell livsstil." is followed by ~130 padding
    # spaces that push "Information finns hos ..." to a new visual line: written
    # as "\n". Row 1 repeats the first cause paragraph alone, as its own cell.
    {
        "name": "5. Kriminella miljöer livsstil",
        "title": "Kriminella miljöer och livsstilar",
        "followup_headers": ["Uppföljning"],
        "rows": [
            # [0]
            {
                "problem": "Lämna kriminell livsstil",
                "cause": "Flertal boende i stadsdelsområdet har en kriminell livsstil och/eller utsätts för flertalet riskfaktorer att hamna i en kriminell livsstil.\nPersoner som vill lämna en kriminell livsstil kan behöva stöd och/eller skydd för att hoppa av organsierad brottslighet.",
                "measure": "Polis och socialtjänst förtydligar samverkan för att nå fokusindivider, i syfte att lämna en kriminell livsstil.\nInformation finns hos socialtjänst och polis kring vad som kan erbjudas och hur samarbetet ser ut kring avhoppare.\nAvhopparverksamhet\nFortsätta utveckla arbetet inom avhopparverksamhet. Utvärdera arbetet i linjeverksamhet och samverkan.\nSIG\nFortsätta utveckla arbetet inom SIG. Utvärdera arbetet i linjeverksamhet och samverkan.\nTrefas\nFortsätta utveckla arbetet inom Trefas. Utvärdera arbetet i linjeverksamhet och samverkan.",
                "goal": "Antalet personer som tar hjälp för att hoppa av kriminell livsstil ökar.\nSkapa en fördjupad gemensam lägesbild som grund för vidare arbete.",
                "timing": "Löpande under 2025\nLöpande under 2025\nLöpande under 2025\nLöpande under 2025",
                "owner": "Lokalpolisområdet och Individ och familjeomsorg (stadsdelsförvaltningen)\nLokalpolisområdet och Individ och familjeomsorg (stadsdelsförvaltningen)\nLokalpolisområdet och Individ och familjeomsorg (stadsdelsförvaltningen)\nLokalpolisområdet och Individ och familjeomsorg (stadsdelsförvaltningen)",
                "followups": ["Samverkan mellan Polisen och stadsdelsförvaltningen har i olika avseenden stärkts i syfte att förbättra förmågan att nå fokusindivider.\nArbetet med avhopparverksamheten har utvecklats både centralt och lokalt, vilket har ökat förmågan hos både Polisen och stadsdelsförvaltningen.\nPolisen och stadsdelsförvaltningen har förstärkt arbetet med SIG och arbetar mer proaktivt med insatsen.\nTrefas har följts upp och bedömningen är att samverkan mellan berörda parter har stärkts."],
            },
            # [1]
            {
                "problem": SAME,
                "cause": "Flertal boende i stadsdelsområdet har en kriminell livsstil och/eller utsätts för flertalet riskfaktorer att hamna i en kriminell livsstil.",
                "measure": "Trygga trappan\nUtveckla arbetet med operativ informationsdelning mellan samverkansparterna gällande avvikelser på Trygga trappan-adresser.",
                "goal": "Genom utvecklad informationsdelning av avvikelser på Trygga trappan-adresser tidigt upptäcka individer som befinner sig i kriminella sammanhang i trapphus.",
                "timing": "Löpande under 2025\nMånadsavstämning under Trygga trappan-forum",
                "owner": "Skafast, lokalpolisområdet, Individ och familjeomsorg (stadsdelsförvaltningen)",
                "followups": ["Arbetsgruppen har identifierat att de tekniska lösningarna är en utmaning för att utveckla den operativa informationsdelningen. De tekniska lösningarna ska ses över.\nBehov framöver är ny teknik och AI-verktyg."],
            },
        ],
    },
]

# How counted (by hand, then checked against the rows above):
#   problems = distinct non-empty problem texts (SAME resolved, note rows excluded);
#   causes   = distinct (problem, cause) pairs with a non-empty cause;
#   measures = distinct non-empty measure CELLS (a SAME continuation is the same cell;
#              identical text in a separate row would count again).
# Sheet 1: 1 problem; causes Regeringsuppdrag / Bland riskfaktorer (rows 1+2, same
#   text) / Unga insocialiseras / Den som utsatts = 4; 5 measure rows = 5.
# Sheet 2: Nedskräpning, Öppen narkotikahandel, Ordningsstörningar, Olovliga
#   bosättningar, Samordning ..., Utveckla ... trygghetsvandringar, Utveckla ...
#   platssamverkan = 7; one cause per data row = 9; measures 8 (rows 1-2 share one
#   merged measure cell).
# Sheet 3: 2 problems, 3 causes, 3 measures.
# Sheet 4: 3 problems; causes 2 (Äldre... x3 same text, Svårigheter) + 3 + 3 = 8;
#   10 measures.
# Sheet 5: 1 problem; causes 2 (row 0's two-paragraph cell differs from row 1's
#   one-paragraph cell); 2 measure cells.
EXPECTED_COUNTS = {
    "1. Unga i riskzon": {"problems": 1, "causes": 4, "measures": 5},
    "2. Otrygga brottsutsatta plats ": {"problems": 7, "causes": 9, "measures": 8},
    "3. Systemhotande brottslighet": {"problems": 2, "causes": 3, "measures": 3},
    "4. Särskilt utsatta sårbara": {"problems": 3, "causes": 8, "measures": 10},
    "5. Kriminella miljöer livsstil": {"problems": 1, "causes": 2, "measures": 2},
}

# Every measure row in this file has a goal, a timing and an owner (after resolving
# SAME through merged cells), so nothing is missing.
EXPECTED_MISSING = {
    "1. Unga i riskzon": [],
    "2. Otrygga brottsutsatta plats ": [],
    "3. Systemhotande brottslighet": [],
    "4. Särskilt utsatta sårbara": [],
    "5. Kriminella miljöer livsstil": [],
}
