-- AlterTable
ALTER TABLE "Employee" ADD COLUMN     "leftOn" TIMESTAMP(3);
