-- AlterTable
ALTER TABLE "Employee" ADD COLUMN "leftOn" DATETIME;
