-- AlterTable
ALTER TABLE "A" ADD COLUMN     "x2" INTEGER;

-- AlterTable
ALTER TABLE "B" DROP COLUMN "y";
