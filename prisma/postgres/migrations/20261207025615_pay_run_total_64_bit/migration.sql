-- A run's total is 64-bit: a whole organisation's pay in fen passes 2^31.
ALTER TABLE "PayRun" ALTER COLUMN "totalFen" SET DATA TYPE BIGINT;
