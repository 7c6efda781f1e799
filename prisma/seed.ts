import { db } from "~/utils/db.server";
import { migrateDatabase } from "~/server/startup.server";
import { demoAccountLines, DEMO_PASSWORD, seedDemo } from "./seed/index";

migrateDatabase();
if ((await db.unit.count()) > 0) {
  console.log(
    `The database already has an organisation; nothing seeded. Demo accounts (password: ${DEMO_PASSWORD}):\n${demoAccountLines().join("\n")}`,
  );
} else {
  await seedDemo(db);
}
await db.$disconnect();
