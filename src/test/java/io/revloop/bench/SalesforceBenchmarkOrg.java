package io.revloop.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * A stand-in Salesforce org on 127.0.0.1 for bench/salesforce.sh: the OAuth token endpoint,
 * /limits, and queryAll/queryMore pages of generated records (pre-rendered, so the hub and not the
 * stub is measured). A query with a SystemModstamp condition — a later, incremental run — gets
 * nothing. Only the JDK is needed to run it.
 *
 * <pre>java -cp target/test-classes io.revloop.bench.SalesforceBenchmarkOrg PORT_FILE [RECORDS]</pre>
 */
public final class SalesforceBenchmarkOrg {

    private static final String API = "/services/data/v62.0/";
    private static final int PAGE = 2000;
    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

    private final Map<String, List<byte[]>> pagesByObject = new LinkedHashMap<>();
    private final String baseUrl;

    private SalesforceBenchmarkOrg(String baseUrl, int records) {
        this.baseUrl = baseUrl;
        // a funnel's mix: 40 % leads, 20 % campaign members, 10 % each accounts, contacts, opportunities, tasks
        Map<String, Integer> share = new LinkedHashMap<>();
        share.put("Account", records / 10);
        share.put("Lead", records * 4 / 10);
        share.put("Contact", records / 10);
        share.put("Opportunity", records / 10);
        share.put("CampaignMember", records * 2 / 10);
        share.put("Task", records - records / 10 * 3 - records * 4 / 10 - records * 2 / 10);
        share.forEach((object, count) -> pagesByObject.put(object, render(object, count)));
    }

    public static void main(String[] args) throws IOException {
        Path portFile = Path.of(args[0]);
        int records = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        String baseUrl = "http://127.0.0.1:" + server.getAddress().getPort();
        SalesforceBenchmarkOrg org = new SalesforceBenchmarkOrg(baseUrl, records);
        server.createContext("/", org::handle);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
        Files.writeString(portFile, String.valueOf(server.getAddress().getPort()));
        System.out.println("benchmark org with " + records + " records at " + baseUrl);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String query = exchange.getRequestURI().getRawQuery();
        if (path.equals("/services/oauth2/token")) {
            reply(exchange, 200, ("{\"access_token\":\"00DBENCH!token\",\"instance_url\":\"" + baseUrl
                    + "\",\"id\":\"" + baseUrl + "/id/00DBE0000000001AAA/005BE0000000001AAA\",\"token_type\":\"Bearer\","
                    + "\"issued_at\":\"1767225600000\"}").getBytes(StandardCharsets.UTF_8));
        } else if (path.equals("/services/oauth2/revoke")) {
            reply(exchange, 200, new byte[0]);
        } else if (path.equals(API + "limits/")) {
            reply(exchange, 200, "{\"DailyApiRequests\":{\"Max\":1000000,\"Remaining\":1000000}}".getBytes(
                    StandardCharsets.UTF_8));
        } else if (path.equals(API + "queryAll/") && query != null) {
            String soql = URLDecoder.decode(query.substring(query.indexOf("q=") + 2), StandardCharsets.UTF_8);
            String object = soql.replaceAll("^.* FROM (\\w+).*$", "$1");
            List<byte[]> pages = pagesByObject.get(object);
            reply(exchange, 200, pages == null || soql.contains("SystemModstamp >=") ? empty() : pages.get(0));
        } else if (path.startsWith(API + "query/")) {
            String[] locator = path.substring((API + "query/").length()).split("-");
            reply(exchange, 200, pagesByObject.get(locator[0]).get(Integer.parseInt(locator[1])));
        } else {
            reply(exchange, 404, "[{\"message\":\"not found\",\"errorCode\":\"NOT_FOUND\"}]".getBytes(StandardCharsets.UTF_8));
        }
    }

    private static byte[] empty() {
        return "{\"totalSize\":0,\"done\":true,\"records\":[]}".getBytes(StandardCharsets.UTF_8);
    }

    private static void reply(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/json;charset=UTF-8");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static List<byte[]> render(String object, int count) {
        List<byte[]> pages = new ArrayList<>();
        for (int from = 0; from < count; from += PAGE) {
            int to = Math.min(count, from + PAGE);
            StringBuilder json = new StringBuilder(to * 600).append("{\"totalSize\":").append(count)
                    .append(",\"done\":").append(to == count);
            if (to < count) {
                json.append(",\"nextRecordsUrl\":\"").append(API).append("query/").append(object).append('-')
                        .append(pages.size() + 1).append('"');
            }
            json.append(",\"records\":[");
            for (int i = from; i < to; i++) {
                json.append(i == from ? "" : ",").append(record(object, i));
            }
            pages.add(json.append("]}").toString().getBytes(StandardCharsets.UTF_8));
        }
        return pages;
    }

    private static String record(String object, int i) {
        String created = timestamp(i);
        String modstamp = timestamp(i + 60);
        String attributes = "\"attributes\":{\"type\":\"" + object + "\",\"url\":\"" + API + "sobjects/" + object
                + "/" + id(object, i) + "\"},\"Id\":\"" + id(object, i) + "\",";
        String owner = "\"Owner\":{\"attributes\":{\"type\":\"User\"},\"Name\":\"Owner " + (i % 25) + "\"},";
        String tail = "\"CreatedDate\":\"" + created + "\",\"SystemModstamp\":\"" + modstamp + "\",\"IsDeleted\":false}";
        return "{" + attributes + switch (object) {
            case "Account" -> "\"Name\":\"Company " + i + "\",\"Website\":\"https://www.company" + i
                    + ".example\",\"Industry\":\"Manufacturing\",\"NumberOfEmployees\":" + (10 + i % 5000)
                    + ",\"AnnualRevenue\":" + (100000 + i) + ".5,";
            case "Lead" -> "\"Email\":\"Person" + i + "@Company" + (i % 9000) + ".example\",\"Company\":\"Company "
                    + (i % 9000) + "\",\"Title\":\"Head of Operations\",\"Country\":\"DE\",\"LeadSource\":\"Web\","
                    + "\"Status\":\"" + (i % 3 == 0 ? "Working - Contacted" : "Open - Not Contacted") + "\"," + owner
                    + "\"IsConverted\":false,\"ConvertedDate\":null,\"ConvertedContactId\":null,"
                    + "\"ConvertedAccountId\":null,\"ConvertedOpportunityId\":null,";
            case "Contact" -> "\"Email\":\"contact" + i + "@company" + (i % 9000) + ".example\",\"Title\":\"CFO\","
                    + "\"MailingCountry\":\"AT\",\"LeadSource\":\"Partner Referral\",\"AccountId\":\""
                    + id("Account", i % 9000) + "\",\"Account\":{\"attributes\":{\"type\":\"Account\"},\"Name\":\"Company "
                    + (i % 9000) + "\"}," + owner;
            case "Opportunity" -> "\"Name\":\"Deal " + i + "\",\"AccountId\":\"" + id("Account", i % 9000)
                    + "\",\"Type\":\"New Customer\",\"Amount\":" + (1000 + i % 90000) + ".0,\"StageName\":\""
                    + (i % 4 == 0 ? "Closed Won" : "Prospecting") + "\",\"IsClosed\":" + (i % 4 == 0)
                    + ",\"IsWon\":" + (i % 4 == 0) + ",\"CloseDate\":\"2026-06-30\"," + owner;
            case "CampaignMember" -> "\"CampaignId\":\"701BENCH0000000001\",\"LeadId\":\"" + id("Lead", i % 40000)
                    + "\",\"ContactId\":null,\"HasResponded\":" + (i % 2 == 0)
                    + ",\"Campaign\":{\"attributes\":{\"type\":\"Campaign\"},\"Type\":\"Webinar\"},";
            case "Task" -> "\"WhoId\":\"" + id("Lead", i % 40000) + "\",\"TaskSubtype\":\"Call\",";
            default -> throw new IllegalArgumentException(object);
        } + tail;
    }

    private static String id(String object, int i) {
        return object.substring(0, 3).toUpperCase() + String.format("%015d", i);
    }

    private static String timestamp(int i) {
        return START.plusSeconds(i).toString().replace("Z", ".000+0000");
    }
}
