-- AlterTable
ALTER TABLE "User" DROP COLUMN "old1",
DROP COLUMN "old2",
ADD COLUMN     "new1" TEXT,
ADD COLUMN     "new2" INTEGER;
