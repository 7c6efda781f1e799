-- AlterTable
ALTER TABLE "JobLease" ADD COLUMN "lastErrorAt" DATETIME;

