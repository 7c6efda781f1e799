-- AlterTable
ALTER TABLE "PayRun" ADD COLUMN "signOffPathsJson" TEXT;
