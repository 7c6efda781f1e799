-- AlterTable
ALTER TABLE "SurveyParticipation" ADD COLUMN "cutUnitId" TEXT;

